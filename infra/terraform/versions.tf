# Provider pins. Nothing on the machine that wrote this reaches the Terraform registry, so these
# constraints were never resolved by `terraform init` here (see README: what was verified).
terraform {
  required_version = ">= 1.6"
  required_providers {
    kubernetes = {
      source  = "hashicorp/kubernetes"
      version = "~> 2.35"
    }
    # 2.x: the `kubernetes { ... }` block syntax below; 3.x changed it to an attribute
    helm = {
      source  = "hashicorp/helm"
      version = "~> 2.17"
    }
  }
}
