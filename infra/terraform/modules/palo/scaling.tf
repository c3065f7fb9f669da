# KEDA's Temporal scaler: each pool follows its task queue's backlog. The GPU pool's minimum may be 0:
# no palo-gpu backlog, no GPU node held.
locals {
  pools = {
    cpu = {
      queue       = local.task_queues.cpu
      settings    = var.cpu_pool
      # the pipeline's workflows run on palo-cpu too (RunCommands starts them there)
      queue_types = "workflow,activity"
    }
    gpu = {
      queue       = local.task_queues.gpu
      settings    = var.gpu_pool
      queue_types = "activity"
    }
    gpu-short = {
      queue       = local.task_queues.gpu-short
      settings    = var.gpu_short_pool
      queue_types = "activity"
    }
  }
  scaled_pools = { for name, p in local.pools : name => p if contains(local.deployed_pools, name) }
}

resource "kubernetes_manifest" "scaler" {
  for_each = local.scaled_pools

  manifest = {
    apiVersion = "keda.sh/v1alpha1"
    kind       = "ScaledObject"
    metadata = {
      name      = "palo-${each.key}"
      namespace = var.namespace
    }
    spec = {
      scaleTargetRef = {
        name = kubernetes_deployment_v1.palo[each.key].metadata[0].name
      }
      minReplicaCount = each.value.settings.min_replicas
      maxReplicaCount = each.value.settings.max_replicas
      pollingInterval = 15
      # The scaler sees the backlog, not activities in flight: a pool whose last task is running looks idle.
      # Waiting before scaling to zero (cooldownPeriod) and before removing pods (the HPA's stabilization
      # window) keeps the next stage's worker warm; a pod removed mid-stage resumes elsewhere from its
      # last checkpoint (README: Scaling).
      cooldownPeriod = var.scale_down_after_seconds[each.key]
      advanced = {
        horizontalPodAutoscalerConfig = {
          behavior = {
            scaleDown = {
              stabilizationWindowSeconds = var.scale_down_after_seconds[each.key]
              policies                   = [{ type = "Pods", value = 1, periodSeconds = 60 }]
            }
          }
        }
      }
      triggers = [{
        type = "temporal"
        metadata = {
          endpoint                  = var.temporal_address
          namespace                 = var.temporal_namespace
          taskQueue                 = each.value.queue
          queueTypes                = each.value.queue_types
          targetQueueSize           = tostring(each.value.settings.target_queue_size)
          activationTargetQueueSize = "0"
        }
      }]
    }
  }
}

# Scraping through the Prometheus Operator, where the cluster runs it (its PodMonitor kind must exist first).
resource "kubernetes_manifest" "pod_monitor" {
  count = var.pod_monitor ? 1 : 0
  manifest = {
    apiVersion = "monitoring.coreos.com/v1"
    kind       = "PodMonitor"
    metadata   = { name = "palo", namespace = var.namespace }
    spec = {
      selector            = { matchLabels = { "app.kubernetes.io/part-of" = "palo" } }
      podMetricsEndpoints = [{ port = "metrics", path = local.metrics.path, interval = "30s" }]
    }
  }
}
