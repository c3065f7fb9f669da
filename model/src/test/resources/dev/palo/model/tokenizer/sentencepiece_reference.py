"""The reference side of the SentencePiece conversion tests (run with the project's model venv).

  train CORPUS DIR MODEL_TYPE VOCAB   trains a SentencePiece model shaped as LLaMA's (identity normalisation, no
                                      whitespace collapsing, dummy prefix, byte fallback, unk/bos/eos = 0/1/2) into
                                      DIR/tokenizer.model
  encode DIR TEXTS OUT                encodes every text of TEXTS (a JSON list) with transformers' LlamaTokenizerFast
                                      (converted from DIR's tokenizer.model, no tokenizer.json there) and the slow
                                      sentencepiece LlamaTokenizer, decodes the ids back, writes OUT (JSON), and saves
                                      the fast tokenizer's files into DIR/transformers
"""
import json
import os
import sys


def train(corpus, out, model_type, vocab):
    import sentencepiece as spm
    os.makedirs(out, exist_ok=True)
    with open(corpus, encoding="utf-8") as f:
        lines = [line.rstrip("\n") for line in f if line.strip()]
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(lines), model_prefix=os.path.join(out, "tokenizer"), model_type=model_type,
        vocab_size=int(vocab), byte_fallback=True, character_coverage=0.995, normalization_rule_name="identity",
        remove_extra_whitespaces=False, add_dummy_prefix=True, unk_id=0, bos_id=1, eos_id=2, pad_id=-1,
        split_digits=True, allow_whitespace_only_pieces=True, hard_vocab_limit=False, minloglevel=2)
    os.remove(os.path.join(out, "tokenizer.vocab"))


def encode(directory, texts_file, out):
    from transformers import LlamaTokenizer, LlamaTokenizerFast
    with open(texts_file, encoding="utf-8") as f:
        texts = json.load(f)
    assert not os.path.exists(os.path.join(directory, "tokenizer.json")), "the fast tokenizer must be converted"
    fast = LlamaTokenizerFast.from_pretrained(directory)
    slow = LlamaTokenizer.from_pretrained(directory)
    result = {"legacy": [fast.legacy, slow.legacy], "vocab_size": [len(fast), len(slow)], "texts": []}
    for text in texts:
        fast_ids = fast(text).input_ids
        slow_ids = slow(text).input_ids
        result["texts"].append({
            "text": text, "fast": fast_ids, "slow": slow_ids,
            "fast_decoded": fast.decode(fast_ids, skip_special_tokens=True),
            "slow_decoded": slow.decode(slow_ids, skip_special_tokens=True),
            "byte_pieces": sum(1 for t in fast.convert_ids_to_tokens(fast_ids) if t.startswith("<0x")),
        })
    fast.save_pretrained(os.path.join(directory, "transformers"))
    with open(out, "w", encoding="utf-8") as f:
        json.dump(result, f, ensure_ascii=False)


if __name__ == "__main__":
    {"train": train, "encode": encode}[sys.argv[1]](*sys.argv[2:])
