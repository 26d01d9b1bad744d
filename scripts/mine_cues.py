#!/usr/bin/env python3
"""Derives attribution cue verbs from the PolNeAR training split.

    python3 scripts/mine_cues.py [../shared/corpora/polnear/train] > rules/default/cues-mined.yaml

For every gold cue of the training split, the first word that is not an
auxiliary, adverb or negation is its head ("has repeatedly called on" ->
"called"). Heads are grouped by lemma; a lemma is kept when its forms head at
least MIN_CUES gold cues and at least MIN_RATE of their occurrences in the
training text are cues (so "called" is kept, "voted" and "signed" are not).
Verb + particle cues ("called for", "pointed to") are kept the same way. Forms
already in rules/default/cues.yaml are left to it. Only words and counts leave
the corpus; no article text is copied.
"""

import collections
import glob
import os
import re
import sys

MIN_CUES = int(os.environ.get("MIN_CUES", 4))
MIN_RATE = float(os.environ.get("MIN_RATE", 0.25))
PARTICLES = {"for", "on", "to", "out", "of", "about", "against", "up", "as", "at", "into"}
# Words that head cues but are not reporting verbs.
NOT_VERBS = {
    "according", "accord", "widely", "officially", "formally", "quick", "eager", "ve", "re", "ll",
    "titled", "cast", "laid", "lay", "known", "named", "went", "go", "open", "send", "sent",
    "critical", "seem", "seems", "seemed", "appear", "appears", "appeared",
    # Events and nouns rather than reporting: "passed the bill", "named a
    # successor", "issued a ruling", "the complaint".
    "name", "issue", "pass", "vote", "list", "present", "complaint", "reference", "side",
    "order", "rule", "email", "back", "anger", "celebrate", "nominate", "identify",
}
# Verbs of topic, not of claim: "discussed the budget" reports an event and
# credits no proposition to anyone (PolNeAR annotates them; claimtrace does not).
TOPIC = {"discuss", "talk", "speak", ("talk", "about"), ("speak", "about"), ("write", "about"), ("ask", "about"), ("write", "on")}
# One example per generated group: (sentence, source, cue, content).
EXAMPLES = {
    "mined-neutral-verbs": ("The senator described the deal as a disaster.", "The senator", "described", "the deal as a disaster"),
    "mined-neutral-phrases": ("The senator called for a new trade deal.", "The senator", "called for", "a new trade deal"),
    "mined-loaded-verbs": ("The senator criticized the new trade deal.", "The senator", "criticized", "the new trade deal"),
    "mined-loaded-phrases": ("The senator railed against the new trade deal.", "The senator", "railed against", "the new trade deal"),
}
# AP style: "said" is neutral; verbs that characterise the speaker or the claim are loaded.
LOADED = {
    "accuse", "admit", "attack", "blast", "boast", "brag", "charge", "claim", "concede",
    "condemn", "criticize", "decry", "denounce", "deride", "dismiss", "insist", "lament",
    "mock", "rail", "rip", "scold", "slam", "sneer", "taunt", "tout", "rant", "whine",
    "joke", "complain", "blame", "lash", "berate", "chide", "fume", "snap", "scoff", "bash",
    "praise", "defend", "reject", "deny",
}
IRREGULAR = {
    "tell": ["tell", "tells", "told", "telling"],
    "write": ["write", "writes", "wrote", "written", "writing"],
    "speak": ["speak", "speaks", "spoke", "spoken", "speaking"],
    "seek": ["seek", "seeks", "sought", "seeking"],
    "see": ["see", "sees", "saw", "seen", "seeing"],
    "find": ["find", "finds", "found", "finding"],
    "think": ["think", "thinks", "thought", "thinking"],
    "give": ["give", "gives", "gave", "given", "giving"],
    "hear": ["hear", "hears", "heard", "hearing"],
    "read": ["read", "reads", "reading"],
    "send": ["send", "sends", "sent", "sending"],
    "lead": ["lead", "leads", "led", "leading"],
    "hold": ["hold", "holds", "held", "holding"],
    "swear": ["swear", "swears", "swore", "sworn", "swearing"],
    "put": ["put", "puts", "putting"],
    "teach": ["teach", "teaches", "taught", "teaching"],
    "bring": ["bring", "brings", "brought", "bringing"],
    "feel": ["feel", "feels", "felt", "feeling"],
    "mean": ["mean", "means", "meant", "meaning"],
}
WORD = re.compile(r"[A-Za-z][A-Za-z’'-]*")


def words_lists():
    import yaml  # PyYAML: only this script needs it

    here = os.path.dirname(os.path.abspath(__file__))
    rules = os.path.join(here, "..", "rules", "default")
    words = yaml.safe_load(open(os.path.join(rules, "words.yaml")))["words"]
    cues = yaml.safe_load(open(os.path.join(rules, "cues.yaml")))["cues"]
    known = {f.lower() for rule in cues.values() for f in rule.get("forms", [])}
    skip = set(words["auxiliaries"]) | set(words["adverbs"]) | set(words["negations"])
    return skip | {"also", "then", "just", "’s", "'s"}, known


def load(split_dir):
    for path in sorted(glob.glob(os.path.join(split_dir, "text", "*.txt"))):
        name = os.path.basename(path)[:-4]
        anns = sorted(glob.glob(os.path.join(split_dir, "attributions", name + "_*.ann")))
        if not anns:
            continue
        text = open(path, encoding="utf-8").read()
        spans, events = {}, []
        for line in open(anns[0], encoding="utf-8"):
            parts = line.rstrip("\n").split("\t")
            if line.startswith("T") and len(parts) >= 2:
                label, offsets = parts[1].split(" ", 1)
                spans[parts[0]] = [tuple(map(int, o.split())) for o in offsets.split(";")]
            elif line.startswith("E") and len(parts) >= 2:
                events.append([p.split(":", 1) for p in parts[1].split()])
        cues = []
        for event in events:
            for role, tid in event:
                if role == "Cue" and tid in spans:
                    cues.append(" ".join(text[s:e] for s, e in spans[tid]))
        yield text, cues


def candidate_forms(lemma, vocab):
    if lemma in IRREGULAR:
        return IRREGULAR[lemma]
    vowels = "aeiou"
    forms = [lemma]
    if lemma.endswith(("s", "sh", "ch", "x", "z")):
        forms.append(lemma + "es")
    elif lemma.endswith("y") and lemma[-2:-1] not in vowels:
        forms.append(lemma[:-1] + "ies")
    else:
        forms.append(lemma + "s")
    if lemma.endswith("e"):
        forms += [lemma + "d", lemma[:-1] + "ing"]
    elif lemma.endswith("y") and lemma[-2:-1] not in vowels:
        forms += [lemma[:-1] + "ied", lemma + "ing"]
    else:
        doubled = [lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"]
        cvc = len(lemma) >= 3 and lemma[-1] not in vowels + "wxy" and lemma[-2] in vowels and lemma[-3] not in vowels
        # "slam" -> "slammed", but "offer" -> "offered": the spelling the corpus uses.
        if cvc and any(vocab[f] for f in doubled):
            forms += doubled
        else:
            forms += [lemma + "ed", lemma + "ing"]
    return forms


def lemma_candidates(form):
    for lemma, forms in IRREGULAR.items():
        if form in forms:
            return [lemma]
    out = {form}
    for suffix in ("ing", "ed", "es", "s", "d"):
        if form.endswith(suffix) and len(form) > len(suffix) + 2:
            stem = form[: -len(suffix)]
            out |= {stem, stem + "e"}
            if len(stem) > 2 and stem[-1] == stem[-2]:
                out.add(stem[:-1])
            if stem.endswith("i"):
                out.add(stem[:-1] + "y")
    return sorted(out)


def main():
    split_dir = sys.argv[1] if len(sys.argv) > 1 else "../shared/corpora/polnear/train"
    skip, known = words_lists()
    vocab = collections.Counter()
    bigrams = collections.Counter()
    heads = collections.Counter()
    phrase_heads = collections.Counter()
    for text, cues in load(split_dir):
        tokens = [w.lower() for w in WORD.findall(text)]
        vocab.update(tokens)
        bigrams.update(zip(tokens, tokens[1:]))
        for cue in cues:
            words = [w.lower() for w in WORD.findall(cue) if w.lower() not in skip]
            if not words:
                continue
            heads[words[0]] += 1
            if len(words) > 1 and words[1] in PARTICLES:
                phrase_heads[(words[0], words[1])] += 1

    def best_lemma(form):
        # Most forms attested; then not the form itself ("bemoan" over
        # "bemoaned"); then a silent e after consonant-vowel-consonant
        # ("allude" over "allud", but "bemoan" over "bemoane").
        def silent_e(l):
            v = "aeiou"
            return l.endswith("e") and len(l) > 3 and l[-2] not in v and l[-3] in v and l[-4] not in v

        return max(
            lemma_candidates(form),
            key=lambda l: (sum(vocab[f] > 0 for f in candidate_forms(l, vocab)), l != form, silent_e(l), vocab[l]),
        )

    groups = collections.defaultdict(lambda: {"cues": 0, "forms": set()})
    for form, n in heads.items():
        if form in NOT_VERBS or form.endswith("ly") or form in known:
            continue
        lemma = best_lemma(form)
        groups[lemma]["cues"] += n
    kept = {}
    for lemma, g in groups.items():
        if lemma in NOT_VERBS or lemma in TOPIC:
            continue
        forms = [f for f in candidate_forms(lemma, vocab) if vocab[f] > 0 and f not in known]
        if not forms or not any(f.endswith(("ed", "s", "ing")) or lemma in IRREGULAR for f in forms):
            continue
        occurrences = sum(vocab[f] for f in forms)
        cue_count = sum(heads[f] for f in forms)
        if cue_count >= MIN_CUES and cue_count / occurrences >= MIN_RATE:
            kept[lemma] = (forms, cue_count, occurrences)
            continue
        # Otherwise single forms may qualify on their own ("continued" is a
        # cue far more often than "continue").
        single = [f for f in forms if heads[f] >= MIN_CUES and heads[f] / vocab[f] >= MIN_RATE]
        if single:
            kept[lemma] = (single, sum(heads[f] for f in single), sum(vocab[f] for f in single))
    phrases = {}
    for (head, particle), n in phrase_heads.items():
        if head in NOT_VERBS:
            continue
        lemma = best_lemma(head)
        if lemma in NOT_VERBS or lemma in TOPIC:
            continue
        forms = [f for f in candidate_forms(lemma, vocab) if vocab[f] > 0]
        cue_count = sum(phrase_heads[(f, particle)] for f in forms)
        occurrences = sum(bigrams[(f, particle)] for f in forms)
        phrase_forms = [f"{f} {particle}" for f in forms if f"{f} {particle}" not in known]
        if cue_count >= MIN_CUES and occurrences and cue_count / occurrences >= MIN_RATE and phrase_forms:
            phrases[(lemma, particle)] = (phrase_forms, cue_count, occurrences)

    print("# GENERATED by scripts/mine_cues.py from the PolNeAR training split; do not edit.")
    print(f"# A verb is kept when its forms head at least {MIN_CUES} gold cues and at least")
    print(f"# {MIN_RATE:.0%} of their occurrences are cues (else single forms that do). Per lemma: gold cues / occurrences.")
    print("cues:")
    for tone in ("neutral", "loaded"):
        for kind, table in (("verbs", kept), ("phrases", phrases)):
            items = sorted((k, v) for k, v in table.items() if ((k if kind == "verbs" else k[0]) in LOADED) == (tone == "loaded"))
            if not items:
                continue
            print(f"  mined-{tone}-{kind}:")
            print("    class: verb")
            print(f"    tone: {tone}")
            print("    forms:")
            for key, (forms, n, occ) in items:
                label = key if kind == "verbs" else " ".join(key)
                print(f"      # {label}: {n}/{occ}")
                for f in forms:
                    print(f'      - "{f}"')
            desc = "Reporting and stance verbs" if kind == "verbs" else "Verb + particle cues"
            print(f"    description: {desc} mined from PolNeAR train ({tone}).")
            text, source, cue, content = EXAMPLES[f"mined-{tone}-{kind}"]
            print("    examples:")
            print(f'      - text: "{text}"')
            print(f"        source: {source}")
            print(f"        cue: {cue}")
            print(f"        content: {content}")


if __name__ == "__main__":
    main()
