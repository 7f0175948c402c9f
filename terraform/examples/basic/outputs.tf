# Where the deployment answers, inside the cluster.

output "api_url" {
  description = "The scoring API and dashboard."
  value       = module.gh_anomaly.api_url
}

output "mlflow_url" {
  description = "MLflow's tracking server."
  value       = module.gh_anomaly.mlflow_url
}
