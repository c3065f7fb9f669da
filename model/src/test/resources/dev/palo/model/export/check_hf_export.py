"""Loads the platform's exported directories with the reference stack (transformers, PEFT, torch) as shipped,
and compares what they compute with what the platform computed (the fixture JSON written by
HuggingFaceExportTest). No LLaVA code: LLaVA's `llava_llama` type is registered only by LLaVA's package, so
the language model is loaded as LlamaForCausalLM from the exported config, the vision tower as
CLIPVisionModel, and the image is spliced in here the way LLaVA's prepare_inputs_labels_for_multimodal does.

Usage: python check_hf_export.py FIXTURE.json   (exit 0: every check passed; 1: the failures are printed)
"""
import json
import os
import sys
import zipfile

import torch
from peft import PeftModel
from safetensors.torch import load_file
from transformers import (AutoTokenizer, CLIPImageProcessor, CLIPVisionModel, LlamaConfig, LlamaForCausalLM,
                          LlamaTokenizerFast)

IMAGE_TOKEN_INDEX = -200
# The platform and torch compute in float32 with different kernels; greedy tokens must match exactly.
LOGITS_ATOL = 1e-4
MERGE_ATOL = 1e-5

failures = []


def check(name, ok, detail=""):
    print(("ok   " if ok else "FAIL ") + name + (": " + detail if detail else ""), flush=True)
    if not ok:
        failures.append(name + (": " + detail if detail else ""))


def load_lm(path):
    config = LlamaConfig.from_pretrained(path)
    model, info = LlamaForCausalLM.from_pretrained(path, config=config, output_loading_info=True,
                                                   torch_dtype=torch.float32)
    model.eval()
    return model, info


def tokenize_with_images(tokenizer, text):
    """Each chunk between <image> placeholders tokenized on its own, bos only at the start, -200 between."""
    ids = []
    for i, chunk in enumerate(text.split("<image>")):
        chunk_ids = tokenizer(chunk).input_ids
        if chunk_ids and chunk_ids[0] == tokenizer.bos_token_id:
            if i == 0:
                ids.append(chunk_ids[0])
            chunk_ids = chunk_ids[1:]
        if i > 0:
            ids.append(IMAGE_TOKEN_INDEX)
        ids.extend(chunk_ids)
    return ids


def projector_of(state):
    """mlp2x_gelu from `model.mm_projector.{0,2}.*`: Linear, GELU, Linear."""
    first, second = state["model.mm_projector.0.weight"], state["model.mm_projector.2.weight"]
    mlp = torch.nn.Sequential(torch.nn.Linear(first.shape[1], first.shape[0]), torch.nn.GELU(),
                              torch.nn.Linear(second.shape[1], second.shape[0]))
    mlp.load_state_dict({k[len("model.mm_projector."):]: v for k, v in state.items()
                         if k.startswith("model.mm_projector.")})
    return mlp.eval()


def main(fixture_path):
    fixture = json.load(open(fixture_path))
    root = fixture["export"]
    at = lambda *p: os.path.join(root, *p)

    # 1. every exported language model loads into LlamaForCausalLM from its own config, no key missing
    for name in fixture["models"]:
        model, info = load_lm(at(name))
        unexpected = [k for k in info["unexpected_keys"] if not k.startswith("model.mm_projector.")]
        check(f"{name}: LlamaForCausalLM loads with no missing keys", not info["missing_keys"] and not unexpected,
              f"missing {info['missing_keys']}, unexpected {unexpected}")

    # 2. the tokenizer directory, also as LLaVA asks for it (use_fast=False), encodes as the platform does
    expected = fixture["tokenizer"]
    for use_fast in (True, False):
        tok = AutoTokenizer.from_pretrained(at(fixture["tokenizer_dir"]), use_fast=use_fast)
        check(f"AutoTokenizer(use_fast={use_fast}) is LlamaTokenizerFast", isinstance(tok, LlamaTokenizerFast),
              type(tok).__name__)
        check(f"tokenizer(use_fast={use_fast}) special ids and legacy",
              (tok.bos_token_id, tok.eos_token_id, tok.pad_token_id, tok.legacy)
              == (expected["bos"], expected["eos"], expected["pad"], expected["legacy"]),
              f"{(tok.bos_token_id, tok.eos_token_id, tok.pad_token_id, tok.legacy)} vs {expected}")
    for i, prompt in enumerate(fixture["prompts"]):
        ids = tok(prompt["text"]).input_ids
        check(f"vicuna_v1 prompt {i} encodes as the platform's", ids == prompt["ids"],
              f"{len(ids)} vs {len(prompt['ids'])} tokens")
    for i, prompt in enumerate(fixture["image_prompts"]):
        ids = tokenize_with_images(tok, prompt["text"])
        check(f"vicuna_v1 image prompt {i} encodes as the platform's", ids == prompt["ids"])

    # 3. PEFT applies the LoRA directory to its base; the merge equals the platform's merged weights
    lora = fixture["lora"]
    base, _ = load_lm(at(lora["base"]))
    before = {k: v.clone() for k, v in base.state_dict().items()}
    peft_model = PeftModel.from_pretrained(base, at(lora["dir"]))
    merged = peft_model.merge_and_unload().state_dict()
    platform = load_file(at(lora["merged"], "model.safetensors"))
    worst, worst_name = 0.0, ""
    for name, tensor in merged.items():
        diff = (tensor - platform[name]).abs().max().item()
        if diff > worst:
            worst, worst_name = diff, name
    check(f"PEFT merge equals the platform's merged weights (atol {MERGE_ATOL})", worst <= MERGE_ATOL,
          f"max |diff| {worst:.3g} at {worst_name}")
    moved = max((merged[k] - before[k]).abs().max().item() for k in merged)
    check("the adapters change the base (the merge is not a no-op)", moved > 1e-3, f"max |merged - base| {moved:.3g}")
    trainables = torch.load(at(lora["dir"], "non_lora_trainables.bin"), map_location="cpu", weights_only=True)
    same = all(torch.equal(v, platform[k[len("base_model.model."):]]) for k, v in trainables.items())
    check("non_lora_trainables.bin holds the tuned projector", same and len(trainables) > 0,
          ", ".join(sorted(trainables)))

    # 4. mm_projector.bin is what LLaVA's --pretrain_mm_mlp_adapter reads with torch.load
    bin_path = at(fixture["projector_bin"]["file"])
    projector = torch.load(bin_path, map_location="cpu", weights_only=True)
    reference = load_file(at(fixture["projector_bin"]["reference"]))
    check("mm_projector.bin loads with torch.load(weights_only=True) and equals the pretrained projector",
          sorted(projector) == sorted(k for k in reference if k.startswith("model.mm_projector."))
          and all(torch.equal(v, reference[k]) for k, v in projector.items()), ", ".join(sorted(projector)))
    with zipfile.ZipFile(bin_path) as z:
        misaligned = [i.filename for i in z.infolist()
                      if (i.header_offset + 30 + len(i.filename.encode()) + len(i.extra)) % 64]
    check("mm_projector.bin records start on 64-byte boundaries", not misaligned, str(misaligned))

    # 5. the vision tower directory loads as CLIPVisionModel + CLIPImageProcessor
    tower_dir = at(fixture["vision_tower"])
    tower, info = CLIPVisionModel.from_pretrained(tower_dir, output_loading_info=True)
    tower.eval()
    check("vision tower: CLIPVisionModel loads with no missing keys", not info["missing_keys"],
          str(info["missing_keys"]))
    CLIPImageProcessor.from_pretrained(tower_dir)
    check("vision tower: CLIPImageProcessor loads", True)

    # 6. greedy continuations from Python equal the platform's, text only and with an image
    for case in fixture["greedy_text"]:
        model, _ = load_lm(at(case["model"]))
        ids = torch.tensor([case["ids"]])
        with torch.no_grad():
            logits = model(ids).logits[0, -1]
            out = model.generate(ids, attention_mask=torch.ones_like(ids), max_new_tokens=len(case["tokens"]),
                                 do_sample=False)[0, ids.shape[1]:].tolist()
        diff = (logits - torch.tensor(case["logits"])).abs().max().item()
        check(f"{case['model']}: next-token logits match (atol {LOGITS_ATOL})", diff <= LOGITS_ATOL,
              f"max |diff| {diff:.3g}")
        check(f"{case['model']}: greedy continuation equals the platform's", out == case["tokens"],
              f"{out} vs {case['tokens']}")
    case = fixture["greedy_image"]
    model, _ = load_lm(at(case["model"]))
    state = load_file(at(case["model"], "model.safetensors"))
    pixels = load_file(case["image"])["pixel_values"]
    with torch.no_grad():
        hidden = tower(pixels, output_hidden_states=True).hidden_states[case["select_layer"]][:, 1:]
        features = projector_of(state)(hidden)[0]
        ids = case["ids"]
        cut = ids.index(IMAGE_TOKEN_INDEX)
        embed = model.get_input_embeddings()
        embeds = torch.cat([embed(torch.tensor(ids[:cut])), features, embed(torch.tensor(ids[cut + 1:]))])[None]
        out = model.generate(inputs_embeds=embeds, attention_mask=torch.ones(embeds.shape[:2], dtype=torch.long),
                             max_new_tokens=len(case["tokens"]), do_sample=False)[0].tolist()
    check(f"{case['model']}: greedy answer about an image equals the platform's", out == case["tokens"],
          f"{out} vs {case['tokens']}")

    print(f"{len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
