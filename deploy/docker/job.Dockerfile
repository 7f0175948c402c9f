# The streaming job on the official Flink image: the job jar in usrlib/ is what application mode
# runs (compose: `standalone-job --job-classname ...`; Kubernetes: the operator's
# job.jarURI local:///opt/flink/usrlib/gh-anomaly-job.jar). Flink, logging, the Prometheus
# reporter (plugins/metrics-prometheus) and the S3 file systems (opt/, enabled with
# ENABLE_BUILT_IN_PLUGINS) come with the image. Build from the repository root after
# `./mvnw -DskipTests package`:
#   docker build -f deploy/docker/job.Dockerfile -t gh-anomaly-job:0.1.0 .
# The tag names Flink's patch release: the jar is built against exactly 2.2.0.
FROM flink:2.2.0-java17

# Mount points of the compose volumes, owned by the image's user flink (uid 9999) so that a named
# volume mounted there starts out writable by it.
USER root
RUN mkdir -p /opt/flink/usrlib /data/hours /data/output /data/models /data/checkpoints \
    && chown -R flink:flink /opt/flink/usrlib /data
COPY --chown=flink:flink flink-job/target/gh-anomaly-job.jar /opt/flink/usrlib/gh-anomaly-job.jar
USER flink

# A JobManager answers on its REST port, a TaskManager on its Prometheus reporter's port.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD curl -fsS -o /dev/null http://127.0.0.1:8081/config \
        || curl -fsS -o /dev/null http://127.0.0.1:9249/metrics || exit 1
