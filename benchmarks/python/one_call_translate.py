"""The one-call-at-a-time translate anchor of `./palo bench`: how PALO's translate.py sends its work.

PALO's translate.py walks the records and, for each turn, awaits one chat completion per string before it sends
the next; a per-process cache (its local_cache) answers a string it has already translated. This client does the
same against an OpenAI-compatible endpoint (the benchmark's fixed-latency endpoint), on a LLaVA JSON file: the
<image> token is taken out of a turn before it is sent. --limit-requests stops after that many requests, so a slow
client can be timed on a sample; the line printed still counts the whole file's distinct strings, from which the
caller scales the sample's time to the file.

Standard library only; runs from the project venv. Prints one JSON line:
{"seconds", "requests", "turns", "distinct", "translations"?}.

    python3 one_call_translate.py --url http://127.0.0.1:PORT/v1 --language French --file english.json
"""
import argparse
import json
import time
import urllib.request

IMAGE = "<image>"


def turn_texts(records):
    """Every turn's text as it is sent: the <image> token taken out, surrounding blanks trimmed."""
    for record in records:
        for turn in record["conversations"]:
            yield turn["value"].replace(IMAGE, "").strip()


def translate(url, model, language, text):
    body = json.dumps({"model": model, "temperature": 0, "messages": [
        {"role": "system", "content": "You translate the user's text into %s. Answer with the translation only." % language},
        {"role": "user", "content": text}]}).encode("utf-8")
    request = urllib.request.Request(url.rstrip("/") + "/chat/completions", data=body,
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=60) as response:
        return json.load(response)["choices"][0]["message"]["content"]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", required=True, help="the endpoint's base URL, ending in /v1")
    parser.add_argument("--language", required=True, help="the target language's name, e.g. French")
    parser.add_argument("--file", required=True, help="LLaVA JSON records to translate")
    parser.add_argument("--model", default="bench")
    parser.add_argument("--limit-requests", type=int, default=0, help="stop after this many requests (0: none)")
    parser.add_argument("--print-translations", action="store_true", help="also print text -> translation")
    args = parser.parse_args()

    with open(args.file, encoding="utf-8") as source:
        texts = list(turn_texts(json.load(source)))
    local_cache = {}
    requests = 0
    started = time.perf_counter()
    for text in texts:
        if not text or text in local_cache:
            continue
        if args.limit_requests and requests == args.limit_requests:
            break
        local_cache[text] = translate(args.url, args.model, args.language, text)
        requests += 1
    seconds = time.perf_counter() - started
    result = {"seconds": seconds, "requests": requests, "turns": len(texts), "distinct": len(set(texts) - {""})}
    if args.print_translations:
        result["translations"] = local_cache
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
