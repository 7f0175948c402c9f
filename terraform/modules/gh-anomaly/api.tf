# The scoring API and dashboard, read-only over the output and model volumes; ready once a model
# and an hour of output are loaded (deploy/k8s/scoring-api.yaml is the same).

resource "kubernetes_deployment_v1" "api" {
  metadata {
    name      = "gh-anomaly-api"
    namespace = kubernetes_namespace_v1.app.metadata[0].name
    labels    = merge(local.labels, { "app.kubernetes.io/name" = "gh-anomaly-api" })
  }
  spec {
    replicas = 1
    selector {
      match_labels = { "app.kubernetes.io/name" = "gh-anomaly-api" }
    }
    template {
      metadata {
        labels = merge(local.labels, { "app.kubernetes.io/name" = "gh-anomaly-api" })
        annotations = {
          "prometheus.io/scrape" = "true"
          "prometheus.io/port"   = "8080"
          "prometheus.io/path"   = "/metrics"
        }
      }
      spec {
        security_context {
          run_as_non_root = true
          run_as_user     = local.uid
          run_as_group    = local.uid
          fs_group        = local.uid
        }
        container {
          name  = "scoring-api"
          image = var.api_image
          args  = ["--host", "0.0.0.0", "--port", "8080", "--output", "/data/output", "--models", "/data/models"]
          env {
            name  = "HOME"
            value = "/tmp"
          }
          port {
            name           = "http"
            container_port = 8080
          }
          readiness_probe {
            http_get {
              path = "/ready"
              port = "http"
            }
            period_seconds = 10
          }
          liveness_probe {
            http_get {
              path = "/health"
              port = "http"
            }
            initial_delay_seconds = 20
            period_seconds        = 20
          }
          resources {
            requests = { cpu = "250m", memory = "640Mi" }
            limits   = { memory = "768Mi" }
          }
          security_context {
            allow_privilege_escalation = false
            read_only_root_filesystem  = true
            capabilities {
              drop = ["ALL"]
            }
          }
          volume_mount {
            name       = "output"
            mount_path = "/data/output"
            read_only  = true
          }
          volume_mount {
            name       = "models"
            mount_path = "/data/models"
            read_only  = true
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
  wait_for_rollout = false
}

resource "kubernetes_service_v1" "api" {
  metadata {
    name      = "gh-anomaly-api"
    namespace = kubernetes_namespace_v1.app.metadata[0].name
    labels    = local.labels
  }
  spec {
    selector = { "app.kubernetes.io/name" = "gh-anomaly-api" }
    port {
      name        = "http"
      port        = 8080
      target_port = "http"
    }
  }
}
