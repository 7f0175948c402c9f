# The job's Parquet output and the model bundles on ReadWriteMany volumes (the API and the trainer
# read them through local paths), and MLflow's own volume; deploy/k8s/storage.yaml says why.

resource "kubernetes_persistent_volume_claim_v1" "output" {
  metadata {
    name      = "gh-anomaly-output"
    namespace = kubernetes_namespace_v1.app.metadata[0].name
    labels    = local.labels
  }
  spec {
    access_modes       = ["ReadWriteMany"]
    storage_class_name = var.storage_class
    resources {
      requests = {
        storage = var.output_size
      }
    }
  }
  wait_until_bound = false
}

resource "kubernetes_persistent_volume_claim_v1" "models" {
  metadata {
    name      = "gh-anomaly-models"
    namespace = kubernetes_namespace_v1.app.metadata[0].name
    labels    = local.labels
  }
  spec {
    access_modes       = ["ReadWriteMany"]
    storage_class_name = var.storage_class
    resources {
      requests = {
        storage = "1Gi"
      }
    }
  }
  wait_until_bound = false
}

resource "kubernetes_persistent_volume_claim_v1" "mlflow" {
  metadata {
    name      = "gh-anomaly-mlflow"
    namespace = kubernetes_namespace_v1.app.metadata[0].name
    labels    = local.labels
  }
  spec {
    access_modes = ["ReadWriteOnce"]
    resources {
      requests = {
        storage = "10Gi"
      }
    }
  }
  wait_until_bound = false
}
