"""The dataset-build anchor of `./palo bench`: what PALO's own scripts do to merge translated LLaVA sets.

PALO's create_training_json.py / merge_json.py load each JSON file whole with json.load, concatenate the records,
shuffle them with Python's random and write the result with json.dump. This script does that on the files
DatasetBuildRow generates, plus the two checks our dataset-build stage also makes, so both compute the same set:
records flagged "corrupt" are left out, and a record whose (language, image, conversations) was already kept is
dropped as a duplicate (the first one read stays). Every kept record is labelled with its input's language.
The output is written as shards of --shard-size records (part-00000.json, ...), as our stage writes them.

Standard library only; runs from the project venv. Prints one JSON line: its own time (interpreter start left out),
the counts and its peak resident memory.

    python3 dataset_build_anchor.py --seed 1 --shard-size 50000 --out DIR en=en.json fr=fr.json ...
"""
import argparse
import hashlib
import json
import os
import random
import resource
import time


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--shard-size", type=int, default=50_000)
    parser.add_argument("--out", required=True, help="folder the shards are written to")
    parser.add_argument("inputs", nargs="+", metavar="LANGUAGE=FILE")
    args = parser.parse_args()

    started = time.perf_counter()
    seen = set()
    kept = []
    read = corrupt = duplicates = 0
    for item in args.inputs:
        language, path = item.split("=", 1)
        with open(path, encoding="utf-8") as source:
            records = json.load(source)
        for record in records:
            read += 1
            if record.get("corrupt") is True:
                corrupt += 1
                continue
            record["language"] = language
            # a digest, not the text, is remembered: the set stays small beside the records themselves
            identity = json.dumps([language, record.get("image"), record["conversations"]], ensure_ascii=False)
            digest = hashlib.sha256(identity.encode("utf-8")).digest()
            if digest in seen:
                duplicates += 1
                continue
            seen.add(digest)
            kept.append(record)
    random.Random(args.seed).shuffle(kept)

    os.makedirs(args.out, exist_ok=True)
    shards = 0
    for start in range(0, len(kept), args.shard_size):
        with open(os.path.join(args.out, "part-%05d.json" % shards), "w", encoding="utf-8") as out:
            json.dump(kept[start:start + args.shard_size], out, ensure_ascii=False)
        shards += 1
    seconds = time.perf_counter() - started
    print(json.dumps({"seconds": seconds, "read": read, "kept": len(kept), "corrupt": corrupt,
                      "duplicates": duplicates, "shards": shards,
                      "maxRssMb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))


if __name__ == "__main__":
    main()
