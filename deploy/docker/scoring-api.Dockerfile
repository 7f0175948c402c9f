# The scoring API and its dashboard (io.ghanomaly.api.ScoringApi) on a JRE: classes and the
# run-time jars that `./mvnw -DskipTests package` leaves in scoring-api/target (lib/ by the
# module's copy-dependencies). Build from the repository root:
#   docker build -f deploy/docker/scoring-api.Dockerfile -t gh-anomaly-api:0.1.0 .
FROM eclipse-temurin:17-jre-noble

# The same uid and gid as the Flink image's user, so that the job, the API and the trainer share
# the output and model volumes without anyone being root.
RUN groupadd --system --gid 9999 gh-anomaly \
    && useradd --system --uid 9999 --gid gh-anomaly --home-dir /opt/gh-anomaly --no-create-home \
        gh-anomaly \
    && mkdir -p /data/output /data/models \
    && chown -R gh-anomaly:gh-anomaly /data
COPY scoring-api/target/lib/ /opt/gh-anomaly/lib/
COPY scoring-api/target/classes/ /opt/gh-anomaly/classes/

# Measured (scoring-api/README.md): 612 MB peak RSS over 7 days of hours with a 256 MB heap; the
# parallel collector gave the best p99 on 2 cores. JAVA_TOOL_OPTIONS can be overridden at run time.
ENV CLASSPATH="/opt/gh-anomaly/classes:/opt/gh-anomaly/lib/*" \
    JAVA_TOOL_OPTIONS="-Xmx256m -XX:+UseParallelGC"
USER gh-anomaly
EXPOSE 8080
ENTRYPOINT ["java", "io.ghanomaly.api.ScoringApi"]
CMD ["--host", "0.0.0.0", "--port", "8080", "--output", "/data/output", "--models", "/data/models"]

# /health: the process answers (/ready also needs a model and an hour, for a load balancer).
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD curl -fsS -o /dev/null http://127.0.0.1:8080/health || exit 1
