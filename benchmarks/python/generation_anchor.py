"""The generation anchor of `./palo bench`: greedy decoding with a KV cache in Hugging Face transformers.

Loads the language model that GenerationRow exported from our mini checkpoint (LlavaExport's Llama directory:
config.json + model.safetensors) as LlamaForCausalLM in float32, and decodes the same prompts our Generator decodes,
greedily, --new-tokens tokens each with no early stop (random weights, no end-of-sequence), as one batch. One
intra-op thread unless --threads, as ./palo sets OMP_NUM_THREADS=1 for our side. The warm-ups and the timed repeats
run in this one process, after the model is loaded.

Needs torch and transformers: runs from the project's model venv (.palo/venv-model, infra/local/requirements-model.txt).
Prints one JSON line: {"seconds": [one per timed repeat], "tokens": [[ids of each sample]]}.

    python3 generation_anchor.py --model DIR --prompts prompts.json --new-tokens 64 --warm-ups 1 --repeats 3
"""
import argparse
import json
import time

import torch
from transformers import LlamaConfig, LlamaForCausalLM


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", required=True, help="the exported Llama directory")
    parser.add_argument("--prompts", required=True, help="JSON list of equal-length lists of token ids (one batch)")
    parser.add_argument("--new-tokens", type=int, default=64)
    parser.add_argument("--warm-ups", type=int, default=1)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--threads", type=int, default=1)
    args = parser.parse_args()

    torch.set_num_threads(args.threads)
    config = LlamaConfig.from_pretrained(args.model)
    model = LlamaForCausalLM.from_pretrained(args.model, config=config, torch_dtype=torch.float32)
    model.eval()
    with open(args.prompts, encoding="utf-8") as source:
        input_ids = torch.tensor(json.load(source), dtype=torch.long)
    attention_mask = torch.ones_like(input_ids)

    seconds = []
    tokens = None
    with torch.inference_mode():
        for run in range(args.warm_ups + args.repeats):
            started = time.perf_counter()
            # no eos: every sample runs to --new-tokens, as our side does with an eos id no token has
            out = model.generate(input_ids=input_ids, attention_mask=attention_mask, do_sample=False, num_beams=1,
                                 max_new_tokens=args.new_tokens, use_cache=True,
                                 eos_token_id=None, pad_token_id=0)
            took = time.perf_counter() - started
            if run >= args.warm_ups:
                seconds.append(took)
            tokens = out[:, input_ids.shape[1]:].tolist()
    print(json.dumps({"seconds": seconds, "tokens": tokens}))


if __name__ == "__main__":
    main()
