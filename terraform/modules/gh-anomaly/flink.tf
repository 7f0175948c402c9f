# The streaming job as a FlinkDeployment for the operator: application mode, upgrades through a
# savepoint, RocksDB with incremental checkpoints on S3, Kubernetes HA, exponential-delay
# restarts, the Prometheus reporter; deploy/k8s/flink-deployment.yaml is the same object.

locals {
  state_uri = "s3://${var.state_bucket}"
  s3_env_from = var.s3_credentials_secret == "" ? [] : [
    { secretRef = { name = var.s3_credentials_secret } }
  ]
}

resource "kubernetes_manifest" "flink_deployment" {
  depends_on = [helm_release.flink_operator]

  manifest = {
    apiVersion = "flink.apache.org/v1beta1"
    kind       = "FlinkDeployment"
    metadata = {
      name      = "gh-anomaly"
      namespace = kubernetes_namespace_v1.app.metadata[0].name
      labels    = local.labels
    }
    spec = {
      image          = var.job_image
      flinkVersion   = "v2_2"
      serviceAccount = "flink"
      flinkConfiguration = {
        "taskmanager.numberOfTaskSlots"                              = tostring(var.task_slots)
        "state.backend.type"                                         = "rocksdb"
        "execution.checkpointing.incremental"                        = "true"
        "execution.checkpointing.dir"                                = "${local.state_uri}/checkpoints"
        "execution.checkpointing.savepoint-dir"                      = "${local.state_uri}/savepoints"
        "execution.checkpointing.externalized-checkpoint-retention"  = "RETAIN_ON_CANCELLATION"
        "execution.checkpointing.num-retained"                       = "3"
        "restart-strategy.type"                                      = "exponential-delay"
        "restart-strategy.exponential-delay.initial-backoff"         = "1s"
        "restart-strategy.exponential-delay.max-backoff"             = "5min"
        "restart-strategy.exponential-delay.backoff-multiplier"      = "2.0"
        "restart-strategy.exponential-delay.reset-backoff-threshold" = "1h"
        "high-availability.type"                                     = "kubernetes"
        "high-availability.storageDir"                               = "${local.state_uri}/ha"
        "metrics.reporters"                                          = "prom"
        "metrics.reporter.prom.factory.class"                        = "org.apache.flink.metrics.prometheus.PrometheusReporterFactory"
        "metrics.reporter.prom.port"                                 = "9249"
      }
      podTemplate = {
        metadata = {
          annotations = {
            "prometheus.io/scrape" = "true"
            "prometheus.io/port"   = "9249"
          }
        }
        spec = {
          securityContext = {
            runAsNonRoot = true
            runAsUser    = local.uid
            runAsGroup   = local.uid
            fsGroup      = local.uid
          }
          containers = [{
            name = "flink-main-container"
            env = [
              { name = "ENABLE_BUILT_IN_PLUGINS", value = "flink-s3-fs-hadoop-2.2.0.jar" },
              { name = "ALERT_LOG", value = "/opt/flink/log/alerts.jsonl" },
            ]
            envFrom = concat([
              { configMapRef = { name = kubernetes_config_map_v1.alerting.metadata[0].name } },
              { secretRef = { name = kubernetes_secret_v1.alerting.metadata[0].name } },
            ], local.s3_env_from)
            ports = [{ name = "metrics", containerPort = 9249 }]
            volumeMounts = [
              { name = "output", mountPath = "/data/output" },
              { name = "models", mountPath = "/data/models", readOnly = true },
            ]
          }]
          volumes = [
            {
              name                  = "output"
              persistentVolumeClaim = { claimName = kubernetes_persistent_volume_claim_v1.output.metadata[0].name }
            },
            {
              name                  = "models"
              persistentVolumeClaim = { claimName = kubernetes_persistent_volume_claim_v1.models.metadata[0].name }
            },
          ]
        }
      }
      jobManager = {
        replicas = 1
        resource = { memory = "1600m", cpu = 0.5 }
      }
      taskManager = {
        resource = { memory = "4096m", cpu = 1 }
      }
      job = {
        jarURI      = "local:///opt/flink/usrlib/gh-anomaly-job.jar"
        entryClass  = "io.ghanomaly.job.GhAnomalyJob"
        parallelism = var.parallelism
        upgradeMode = "savepoint"
        state       = "running"
        args = [
          "--input", var.input_uri,
          "--output", "file:///data/output",
          "--models", "file:///data/models",
          "--follow",
          "--checkpoint-dir", "${local.state_uri}/checkpoints",
          "--dashboard-url", "http://gh-anomaly-api:8080/",
        ]
      }
    }
  }
}
