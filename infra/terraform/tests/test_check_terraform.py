"""The offline Terraform checks: the real tree passes, and each kind of drift or leak fails with its message.

Each case copies infra/terraform to a temporary folder, changes one thing, and runs the checker on it
against the real code (or, for code-side drift, against the real code plus one new file).
"""
import contextlib
import io
import pathlib
import shutil
import tempfile
import unittest

import check_terraform

TF = pathlib.Path(__file__).resolve().parent.parent
REPO = TF.parents[1]


def run_checker(repo, tf):
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        rc = check_terraform.main(["--repo", str(repo), "--tf", str(tf)])
    return rc, out.getvalue()


class CheckTerraformTest(unittest.TestCase):
    def setUp(self):
        self.tmp = pathlib.Path(tempfile.mkdtemp(prefix="palo-tf-"))
        self.tf = self.tmp / "terraform"
        shutil.copytree(TF, self.tf, ignore=shutil.ignore_patterns("src", "target", "__pycache__", ".terraform"))

    def tearDown(self):
        shutil.rmtree(self.tmp)

    def edit(self, rel, old, new):
        path = self.tf / rel
        text = path.read_text(encoding="utf-8")
        self.assertIn(old, text, f"{rel} no longer holds {old!r}: update this test")
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    def append(self, rel, text):
        with (self.tf / rel).open("a", encoding="utf-8") as fh:
            fh.write(text)

    def assertFails(self, *messages, repo=REPO):
        rc, out = run_checker(repo, self.tf)
        self.assertEqual(1, rc, out)
        for message in messages:
            self.assertIn(message, out)

    def test_the_real_tree_passes(self):
        rc, out = run_checker(REPO, TF)
        self.assertEqual(0, rc, out)

    def test_a_file_that_does_not_parse(self):
        self.append("modules/palo/outputs.tf", 'output "broken" {\n  value = \n')
        self.assertFails("modules/palo/outputs.tf: does not parse as HCL2")

    def test_a_task_queue_the_code_does_not_have(self):
        self.edit("modules/palo/config.tf", '= "palo-gpu"\n', '= "palo-gpu-v2"\n')
        self.assertFails("task_queues", "TaskQueues.java", "scaling.tf pools scale on")

    def test_the_short_gpu_pool_deployed_whatever_the_scheduling(self):
        self.edit("modules/palo/scaling.tf", "if contains(local.deployed_pools, name)", "")
        self.assertFails("local.scaled_pools must keep only the pools in local.deployed_pools")

    def test_a_port_other_than_the_apps(self):
        self.edit("modules/palo/config.tf", "api_port = 8080", "api_port = 8081")
        self.assertFails("api_port 8081 differs from the app's port 8080")

    def test_a_health_path_the_app_does_not_serve(self):
        self.edit("modules/palo/config.tf", '"/q/health/ready"', '"/health/ready"')
        self.assertFails("config.tf health")

    def test_an_image_name_the_build_does_not_make(self):
        self.edit("modules/palo/config.tf", "/palo-worker-gpu:", "/palo-gpu-worker:")
        self.assertFails("images.worker_gpu names image 'palo-gpu-worker'")

    def test_a_variable_the_code_reads_but_nobody_sets(self):
        self.edit("modules/palo/config.tf", "    PALO_MLFLOW_EXPERIMENT          = var.mlflow_experiment\n", "")
        self.assertFails("PALO_MLFLOW_EXPERIMENT is read by")

    def test_a_variable_the_code_starts_reading(self):
        repo = self.tmp / "repo"
        repo.mkdir()
        for entry in REPO.iterdir():
            (repo / entry.name).symlink_to(entry)
        source = repo / "newmodule" / "src" / "main" / "java" / "New.java"
        source.parent.mkdir(parents=True)
        source.write_text('class New { String s = System.getenv("PALO_BRAND_NEW"); }\n', encoding="utf-8")
        self.assertFails("PALO_BRAND_NEW is read by ['newmodule/src/main/java/New.java']", repo=repo)

    def test_a_misspelt_variable(self):
        self.edit("modules/palo/config.tf", "PALO_MLFLOW_EXPERIMENT ", "PALO_MLFLOW_EXPERIMNT  ")
        self.assertFails("config.tf sets PALO_MLFLOW_EXPERIMNT, which no code reads",
                         "PALO_MLFLOW_EXPERIMENT is read by")

    def test_a_local_only_variable_that_is_set(self):
        self.append("tests/local-only.tsv", "PALO_S3_BUCKET\tsaid to be local\n")
        self.assertFails("PALO_S3_BUCKET is listed local-only but set by config.tf")

    def test_a_stale_local_only_entry(self):
        self.append("tests/local-only.tsv", "PALO_NEVER_READ\tgone\n")
        self.assertFails("tests/local-only.tsv lists PALO_NEVER_READ, which no code reads any more")

    def test_a_palo_variable_set_outside_config(self):
        self.edit("modules/palo/workloads.tf", "          dynamic \"env\" {",
                  "          env {\n            name  = \"PALO_GPU_SLOTS\"\n            value = \"4\"\n          }\n"
                  "          dynamic \"env\" {")
        self.assertFails("sets PALO_GPU_SLOTS outside modules/palo/config.tf")

    def test_a_credential_in_the_config_map(self):
        self.edit("modules/palo/config.tf", "    PALO_S3_BUCKET ", '    PALO_S3_SECRET_KEY = "hunter2"\n    PALO_S3_BUCKET ')
        self.assertFails("PALO_S3_SECRET_KEY holds a credential", "a literal value for a secret-named attribute")

    def test_an_api_key_in_a_default(self):
        self.edit("variables.tf", "  default     = {}\n", '  default     = { openai = ["sk-abcdefghijklmnopqrstuvwx"] }\n')
        self.assertFails("looks like an OpenAI-style API key")

    def test_a_password_inside_a_url(self):
        self.edit("modules/mlflow/main.tf", "postgresql://$(PG_USER):$(PG_PASSWORD)@", "postgresql://palo:letmein@")
        self.assertFails("looks like a password inside a URL")

    def test_a_secret_variable_with_a_default(self):
        self.append("variables.tf", 'variable "postgres_password" {\n  type    = string\n  default = "x"\n}\n')
        self.assertFails("variable postgres_password looks like a secret value and has a default")

    def test_a_kubernetes_secret_in_terraform_state(self):
        self.append("modules/palo/ingress.tf",
                    'resource "kubernetes_secret_v1" "keys" {\n  metadata {\n    name = "k"\n  }\n'
                    '  data = { openai = var.api_keys_secret_name }\n}\n')
        self.assertFails("creates a kubernetes_secret_v1")

    def test_a_gpu_pool_that_cannot_scale_to_zero(self):
        self.edit("variables.tf", "    min_replicas      = 0\n", "    min_replicas      = 1\n")
        self.assertFails("gpu_pool.min_replicas defaults to 1, not 0")

    def test_a_scaler_on_another_queue(self):
        self.edit("modules/palo/scaling.tf", "taskQueue                 = each.value.queue",
                  'taskQueue                 = "palo-cpu"')
        self.assertFails("the trigger's taskQueue must be the pool's queue")

    def test_a_drain_as_long_as_the_grace_period(self):
        self.edit("modules/palo/config.tf",
                  "tostring(local.grace_seconds.gpu - local.shutdown_margin_seconds)", "tostring(local.grace_seconds.gpu)")
        self.assertFails("role_env.gpu.PALO_WORKER_DRAIN_SECONDS")

    def test_a_grace_period_other_than_the_drains(self):
        self.edit("modules/palo/workloads.tf", "termination_grace_period_seconds = local.grace_seconds[each.key]",
                  "termination_grace_period_seconds = 30")
        self.assertFails("termination_grace_period_seconds must be local.grace_seconds[each.key]")

    def test_a_metrics_port_other_than_the_apps(self):
        self.edit("modules/palo/config.tf", "    port = 9000\n", "    port = 9090\n")
        self.assertFails("metrics.port 9090 differs from the app's management port 9000")

    def test_mlflow_without_the_artifact_proxy(self):
        self.edit("modules/mlflow/main.tf", '"--serve-artifacts",', "")
        self.assertFails("modules/mlflow: the server is not started with --serve-artifacts")


if __name__ == "__main__":
    unittest.main()
