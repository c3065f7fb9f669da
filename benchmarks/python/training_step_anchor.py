"""The training-step anchor of `./palo bench`: the mini preset's LoRA fine-tune step in PyTorch eager.

The same network as our finetune-lora stage trains, built from what TrainingStepRow exported from our checkpoint with
LlavaExport (the export every other tool reads): the vision tower as transformers' CLIPVisionModel (frozen, run
without autograd as LLaVA runs it), the LDP projector written here in torch (MobileVLM's layout: MLP, then an inverted
residual at stride 1 and one at stride 2, each depthwise 3x3 + LayerNorm2d + Hardswish, squeeze-excite with a hard
sigmoid gate, 1x1 + LayerNorm2d) loaded from the export's `model.mm_projector.*` tensors, and the language model as
LlamaForCausalLM with PEFT LoRA adapters on every decoder linear, holding our adapters' initial values. The image
features replace each sample's -200 placeholder as LLaVA's prepare_inputs_labels_for_multimodal does.

One optimizer step = forward and backward of each micro-batch of --batches (our collated micro-batches, in order),
each loss divided by their number (HF Trainer's gradient accumulation), the global gradient norm clipped to
--max-grad-norm, torch.optim.AdamW over two groups (the adapters at --lr, the projector at --lr x its scale, as our
stage policy's groups), HF's cosine schedule with warmup. The tower's layers after --select-layer are not run: no
output reads them (ours skips them too).

Needs torch, transformers, peft and safetensors: runs from the project's model venv (.palo/venv-model,
infra/local/requirements-model.txt). Prints one JSON line: {"losses": [each step's loss, warm-ups included],
"seconds": [seconds per step of each timed repeat], "threads": torch's intra-op threads, "torch": its version}.

    python3 training_step_anchor.py --model DIR --tower DIR --adapters FILE --batches FILE --lr 6e-3 \
        --group lora=1.0:0.0 --group projector=0.1:0.0 --total-steps 20 --steps 5 --warm-ups 1 --repeats 3
"""
import argparse
import json
import math
import os
import time

import torch
import torch.nn.functional as F
from peft import LoraConfig, get_peft_model, set_peft_model_state_dict
from safetensors.torch import load_file
from transformers import CLIPVisionModel, LlamaConfig, LlamaForCausalLM, get_cosine_schedule_with_warmup

IMAGE_TOKEN_INDEX = -200
IGNORE_INDEX = -100
PROJECTOR_PREFIX = "model.mm_projector."
TARGET_MODULES = ["q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj"]


class LayerNorm2d(torch.nn.LayerNorm):
    """LayerNorm over the channels of an NCHW map, at each position."""

    def forward(self, x):
        return super().forward(x.permute(0, 2, 3, 1)).permute(0, 3, 1, 2)


class SqueezeExcite(torch.nn.Module):
    def __init__(self, channels, squeezed):
        super().__init__()
        self.fc1 = torch.nn.Conv2d(channels, squeezed, 1)
        self.fc2 = torch.nn.Conv2d(squeezed, channels, 1)

    def forward(self, x):
        gate = self.fc2(F.relu(self.fc1(x.mean((2, 3), keepdim=True))))
        return x * F.hardsigmoid(gate)


class InvertedResidual(torch.nn.Module):
    """No expansion (LDP's): the input is added back only at stride 1."""

    def __init__(self, channels, squeezed, stride):
        super().__init__()
        self.residual = stride == 1
        self.block = torch.nn.Sequential(
            torch.nn.Sequential(torch.nn.Conv2d(channels, channels, 3, stride, 1, groups=channels, bias=False),
                                LayerNorm2d(channels, eps=1e-5), torch.nn.Hardswish()),
            SqueezeExcite(channels, squeezed),
            torch.nn.Sequential(torch.nn.Conv2d(channels, channels, 1, bias=False), LayerNorm2d(channels, eps=1e-5)))

    def forward(self, x):
        y = self.block(x)
        return y + x if self.residual else y


class LdpProjector(torch.nn.Module):
    """Sized from and loaded with the export's `model.mm_projector.*` tensors (strict: every name must match)."""

    def __init__(self, state):
        super().__init__()
        hidden, vision = state["model.mlp.1.weight"].shape
        squeezed = state["model.mb_block.1.block.1.fc1.weight"].shape[0]
        self.model = torch.nn.Module()
        # index 0 is an Identity in MobileVLM's Sequentials: the tensor names count from 1
        self.model.mlp = torch.nn.Sequential(torch.nn.Identity(), torch.nn.Linear(vision, hidden), torch.nn.GELU(),
                                             torch.nn.Linear(hidden, hidden))
        self.model.mb_block = torch.nn.Sequential(torch.nn.Identity(), InvertedResidual(hidden, squeezed, 1),
                                                  InvertedResidual(hidden, squeezed, 2))
        self.load_state_dict(state)

    def forward(self, features):
        x = self.model.mlp(features)
        batch, tokens, channels = x.shape
        side = math.isqrt(tokens)
        x = self.model.mb_block(x.transpose(1, 2).reshape(batch, channels, side, side))
        return x.flatten(2).transpose(1, 2)


def splice(text_embeds, ids, labels, mask, features):
    """Each sample's placeholder replaced by its image tokens; right-padded to the longest (zeros, ignored, mask 0)."""
    embeds_rows, label_rows, mask_rows = [], [], []
    n = 0 if features is None else features.shape[1]
    k = 0
    for b in range(ids.shape[0]):
        at = (ids[b] == IMAGE_TOKEN_INDEX).nonzero()
        if len(at) == 0:
            embeds_rows.append(text_embeds[b])
            label_rows.append(labels[b])
            mask_rows.append(mask[b])
            continue
        p = int(at[0])
        embeds_rows.append(torch.cat([text_embeds[b, :p], features[k], text_embeds[b, p + 1:]]))
        label_rows.append(torch.cat([labels[b, :p], torch.full((n,), IGNORE_INDEX, dtype=labels.dtype),
                                     labels[b, p + 1:]]))
        mask_rows.append(torch.cat([mask[b, :p], mask[b, p].repeat(n), mask[b, p + 1:]]))
        k += 1
    longest = max(row.shape[0] for row in embeds_rows)
    embeds = torch.stack([F.pad(row, (0, 0, 0, longest - row.shape[0])) for row in embeds_rows])
    labels = torch.stack([F.pad(row, (0, longest - row.shape[0]), value=IGNORE_INDEX) for row in label_rows])
    mask = torch.stack([F.pad(row, (0, longest - row.shape[0])) for row in mask_rows])
    return embeds, labels, mask


def micro_batches(path):
    tensors = load_file(path)
    count = len({name.split(".")[1] for name in tensors})
    return [{key: tensors[f"mb.{i}.{key}"] for key in ("input_ids", "labels", "attention_mask", "images")}
            for i in range(count)]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", required=True, help="LlavaExport's model directory (LM + projector)")
    parser.add_argument("--tower", required=True, help="LlavaExport's vision tower directory")
    parser.add_argument("--adapters", required=True, help="our initial LoRA adapters (PEFT names, safetensors)")
    parser.add_argument("--batches", required=True, help="safetensors: mb.<i>.{input_ids,labels,attention_mask,images}")
    parser.add_argument("--lr", type=float, required=True)
    parser.add_argument("--group", action="append", required=True,
                        help="NAME=LR_SCALE:WEIGHT_DECAY of a trainable group: lora, projector")
    parser.add_argument("--betas", default="0.9,0.999")
    parser.add_argument("--eps", type=float, default=1e-8)
    parser.add_argument("--max-grad-norm", type=float, default=1.0)
    parser.add_argument("--warmup-ratio", type=float, default=0.03)
    parser.add_argument("--total-steps", type=int, required=True, help="the schedule's length (ours: the same)")
    parser.add_argument("--lora-r", type=int, default=16)
    parser.add_argument("--lora-alpha", type=float, default=32)
    parser.add_argument("--lora-dropout", type=float, default=0.05)
    parser.add_argument("--select-layer", type=int, default=-2)
    parser.add_argument("--steps", type=int, default=5, help="optimizer steps per repeat")
    parser.add_argument("--warm-ups", type=int, default=1)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--seed", type=int, default=42, help="torch's RNG (the LoRA dropout masks)")
    args = parser.parse_args()

    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)

    tower = CLIPVisionModel.from_pretrained(args.tower, torch_dtype=torch.float32)
    layers = tower.vision_model.encoder.layers
    depth = len(layers) + 1 + args.select_layer if args.select_layer < 0 else args.select_layer
    tower.vision_model.encoder.layers = layers[:depth]
    tower.requires_grad_(False)
    tower.eval()

    exported = load_file(os.path.join(args.model, "model.safetensors"))
    projector = LdpProjector({name[len(PROJECTOR_PREFIX):]: tensor for name, tensor in exported.items()
                              if name.startswith(PROJECTOR_PREFIX)})
    projector.train()

    config = LlamaConfig.from_pretrained(args.model)
    language_model = LlamaForCausalLM.from_pretrained(args.model, config=config, torch_dtype=torch.float32)
    model = get_peft_model(language_model, LoraConfig(r=args.lora_r, lora_alpha=args.lora_alpha,
                                                      lora_dropout=args.lora_dropout, target_modules=TARGET_MODULES,
                                                      bias="none", task_type="CAUSAL_LM"))
    loaded = set_peft_model_state_dict(model, load_file(args.adapters))
    missing = [name for name in loaded.missing_keys if "lora_" in name]
    if loaded.unexpected_keys or missing:
        raise SystemExit(f"our adapters do not fit PEFT's: unknown {loaded.unexpected_keys[:5]}, missing {missing[:5]}")
    model.train()
    embed = model.get_input_embeddings()

    parameters = {"lora": [p for p in model.parameters() if p.requires_grad],
                  "projector": list(projector.parameters())}
    groups = []
    for spec in args.group:
        name, scales = spec.split("=")
        lr_scale, weight_decay = (float(x) for x in scales.split(":"))
        if name not in parameters:
            raise SystemExit(f"unknown parameter group '{name}'; known: {sorted(parameters)}")
        groups.append({"params": parameters[name], "lr": args.lr * lr_scale, "weight_decay": weight_decay})
    trainable = [p for group in groups for p in group["params"]]
    beta1, beta2 = (float(x) for x in args.betas.split(","))
    optimizer = torch.optim.AdamW(groups, betas=(beta1, beta2), eps=args.eps)
    schedule = get_cosine_schedule_with_warmup(optimizer, math.ceil(args.total_steps * args.warmup_ratio),
                                               args.total_steps)
    batches = micro_batches(args.batches)

    def step():
        total = 0.0
        for batch in batches:
            ids = batch["input_ids"]
            has_image = (ids == IMAGE_TOKEN_INDEX).any(dim=1)
            features = None
            if bool(has_image.any()):
                with torch.no_grad():
                    hidden = tower(batch["images"][has_image], output_hidden_states=True).hidden_states[-1][:, 1:]
                features = projector(hidden)
            text = embed(torch.where(ids == IMAGE_TOKEN_INDEX, torch.zeros_like(ids), ids))
            embeds, labels, mask = splice(text, ids, batch["labels"], batch["attention_mask"], features)
            loss = model(inputs_embeds=embeds, attention_mask=mask, labels=labels).loss
            (loss / len(batches)).backward()
            total += loss.item() / len(batches)
        torch.nn.utils.clip_grad_norm_(trainable, args.max_grad_norm)
        optimizer.step()
        schedule.step()
        optimizer.zero_grad(set_to_none=True)
        return total

    losses, seconds = [], []
    for run in range(args.warm_ups + args.repeats):
        started = time.perf_counter()
        for _ in range(args.steps):
            losses.append(step())
        took = (time.perf_counter() - started) / args.steps
        if run >= args.warm_ups:
            seconds.append(took)
    print(json.dumps({"losses": losses, "seconds": seconds, "threads": torch.get_num_threads(),
                      "torch": torch.__version__}))


if __name__ == "__main__":
    main()
