# MLflow's tracking server with artifact proxying, on SQLite and one ReadWriteOnce volume: one
# replica, replaced rather than doubled (deploy/k8s/mlflow.yaml).

resource "kubernetes_deployment_v1" "mlflow" {
  metadata {
    name      = "gh-anomaly-mlflow"
    namespace = kubernetes_namespace_v1.app.metadata[0].name
    labels    = merge(local.labels, { "app.kubernetes.io/name" = "gh-anomaly-mlflow" })
  }
  spec {
    replicas = 1
    strategy {
      type = "Recreate"
    }
    selector {
      match_labels = { "app.kubernetes.io/name" = "gh-anomaly-mlflow" }
    }
    template {
      metadata {
        labels = merge(local.labels, { "app.kubernetes.io/name" = "gh-anomaly-mlflow" })
      }
      spec {
        security_context {
          run_as_non_root = true
          run_as_user     = local.uid
          run_as_group    = local.uid
          fs_group        = local.uid
        }
        container {
          name  = "mlflow"
          image = var.mlflow_image
          command = [
            "mlflow", "server", "--host=0.0.0.0", "--port=5000",
            "--backend-store-uri=sqlite:////mlflow/mlflow.db",
            "--artifacts-destination=/mlflow/artifacts", "--serve-artifacts",
          ]
          env {
            name  = "HOME"
            value = "/tmp"
          }
          port {
            name           = "http"
            container_port = 5000
          }
          readiness_probe {
            http_get {
              path = "/health"
              port = "http"
            }
          }
          resources {
            requests = { cpu = "100m", memory = "512Mi" }
            limits   = { memory = "1Gi" }
          }
          volume_mount {
            name       = "data"
            mount_path = "/mlflow"
          }
        }
        volume {
          name = "data"
          persistent_volume_claim {
            claim_name = kubernetes_persistent_volume_claim_v1.mlflow.metadata[0].name
          }
        }
      }
    }
  }
  wait_for_rollout = false
}

resource "kubernetes_service_v1" "mlflow" {
  metadata {
    name      = "gh-anomaly-mlflow"
    namespace = kubernetes_namespace_v1.app.metadata[0].name
    labels    = local.labels
  }
  spec {
    selector = { "app.kubernetes.io/name" = "gh-anomaly-mlflow" }
    port {
      name        = "http"
      port        = 5000
      target_port = "http"
    }
  }
}
