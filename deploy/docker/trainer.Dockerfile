# The model trainer (io.ghanomaly.trainer.ModelTrainer) on a JRE: classes and the run-time jars
# that `./mvnw -DskipTests package` leaves in model-trainer/target (lib/ by the module's
# copy-dependencies). It trains once and exits (a Kubernetes CronJob), or runs `--every 7d`.
# Build from the repository root:
#   docker build -f deploy/docker/trainer.Dockerfile -t gh-anomaly-trainer:0.1.0 .
FROM eclipse-temurin:17-jre-noble

# The same uid and gid as the Flink image's user: the trainer writes the models the job reads.
RUN groupadd --system --gid 9999 gh-anomaly \
    && useradd --system --uid 9999 --gid gh-anomaly --home-dir /opt/gh-anomaly --no-create-home \
        gh-anomaly \
    && mkdir -p /data/hours /data/output /data/models \
    && chown -R gh-anomaly:gh-anomaly /data
COPY model-trainer/target/lib/ /opt/gh-anomaly/lib/
COPY model-trainer/target/classes/ /opt/gh-anomaly/classes/

# With CLASSPATH set, `java io.ghanomaly.trainer.ModelTrainer ...` is the whole command line, for
# a schedule written as a shell loop too (deploy/compose/compose.yaml).
ENV CLASSPATH="/opt/gh-anomaly/classes:/opt/gh-anomaly/lib/*" \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75"
USER gh-anomaly
ENTRYPOINT ["java", "io.ghanomaly.trainer.ModelTrainer"]
CMD ["--features", "/data/output", "--models", "/data/models"]

# Healthy once a model has been published where the job and the API read it.
HEALTHCHECK --interval=5m --timeout=10s --start-period=2h --retries=1 \
    CMD ls /data/models/model-*.json > /dev/null 2>&1 || exit 1
