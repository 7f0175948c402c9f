# The trainer on a schedule: a model from the last week of feature history, published to the model
# volume unless worse than the champion, tracked in MLflow (deploy/k8s/trainer-cronjob.yaml).

resource "kubernetes_cron_job_v1" "trainer" {
  metadata {
    name      = "gh-anomaly-trainer"
    namespace = kubernetes_namespace_v1.app.metadata[0].name
    labels    = local.labels
  }
  spec {
    schedule                      = var.trainer_schedule
    timezone                      = "Etc/UTC"
    concurrency_policy            = "Forbid"
    starting_deadline_seconds     = 3600
    successful_jobs_history_limit = 3
    failed_jobs_history_limit     = 3
    job_template {
      metadata {
        labels = local.labels
      }
      spec {
        backoff_limit           = 2
        active_deadline_seconds = 21600
        template {
          metadata {
            labels = merge(local.labels, { "app.kubernetes.io/name" = "gh-anomaly-trainer" })
          }
          spec {
            restart_policy = "Never"
            security_context {
              run_as_non_root = true
              run_as_user     = local.uid
              run_as_group    = local.uid
              fs_group        = local.uid
            }
            container {
              name  = "trainer"
              image = var.trainer_image
              args  = ["--features", "/data/output", "--models", "/data/models"]
              env {
                name  = "MLFLOW_TRACKING_URI"
                value = "http://${kubernetes_service_v1.mlflow.metadata[0].name}:5000"
              }
              resources {
                requests = { cpu = "1", memory = "3Gi" }
                limits   = { memory = "4Gi" }
              }
              security_context {
                allow_privilege_escalation = false
                read_only_root_filesystem  = true
              }
              volume_mount {
                name       = "output"
                mount_path = "/data/output"
                read_only  = true
              }
              volume_mount {
                name       = "models"
                mount_path = "/data/models"
              }
              volume_mount {
                name       = "tmp"
                mount_path = "/tmp"
              }
            }
            volume {
              name = "output"
              persistent_volume_claim {
                claim_name = kubernetes_persistent_volume_claim_v1.output.metadata[0].name
              }
            }
            volume {
              name = "models"
              persistent_volume_claim {
                claim_name = kubernetes_persistent_volume_claim_v1.models.metadata[0].name
              }
            }
            volume {
              name = "tmp"
              empty_dir {}
            }
          }
        }
      }
    }
  }
}
