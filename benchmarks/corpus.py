"""Writes a deterministic corpus of N articles for the build benchmark.

Each article has about 1,000 words, headings, a list, two footnotes and two
links to other articles, like the measurements in issue 7. The same N always
gives byte-identical files, and the corpus passes the site's own content checks.
"""

import random
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = 7
CATEGORIES = ("Anxiety", "Depression", "Trauma", "Sleep", "Relationships", "Grief", "Stress")
TAGS = (
    "anxiety", "panic", "worry", "sleep", "insomnia", "trauma", "emdr", "grief",
    "loss", "depression", "mood", "stress", "burnout", "parenting", "couples",
    "self-esteem", "mindfulness", "somatic therapy", "parts work", "ketamine",
    "medication", "exercise", "nutrition", "habits", "therapy", "assessment",
    "adolescents", "older adults", "work", "boundaries",
)  # fmt: skip
WORDS = (
    "anxiety", "breath", "body", "calm", "care", "change", "client", "clinician",
    "comfort", "courage", "daily", "distress", "emotion", "evidence", "feeling",
    "focus", "habit", "healing", "health", "helpful", "hope", "insight", "memory",
    "mind", "moment", "nervous", "pattern", "practice", "progress", "question",
    "regulation", "relief", "research", "rest", "safety", "session", "skill",
    "sleep", "steady", "support", "symptom", "therapy", "thought", "treatment",
    "trust", "understanding", "wellbeing", "worry", "often", "gently", "slowly",
    "many", "people", "notice", "learn", "find", "make", "help", "begin", "return",
)  # fmt: skip
TOPICS = (
    "worry", "sleep", "panic", "grief", "burnout", "boundaries", "self-compassion",
    "rumination", "avoidance", "breathing", "exposure", "routine", "medication",
    "relapse", "motivation", "loneliness", "perfectionism", "anger", "shame", "rest",
)  # fmt: skip


def sentence(rng, words=12):
    chosen = [rng.choice(WORDS) for _ in range(words)]
    text = " ".join(chosen)
    # Quotes, apostrophes and dashes give the typography filters their usual work.
    flourish = rng.randrange(6)
    if flourish == 0:
        text = f'{text} -- what some call "{rng.choice(WORDS)} work"'
    elif flourish == 1:
        text = f"{text}, and it's {rng.choice(WORDS)}"
    return text[0].upper() + text[1:] + "."


def paragraph(rng, sentences=5):
    return " ".join(sentence(rng, rng.randrange(9, 16)) for _ in range(sentences))


def file_name(number):
    return f"article-{number:05d}.md"


def title_of(number):
    topic = TOPICS[number % len(TOPICS)]
    return f"Notes on {topic}, part {number}"


def article(number, count):
    rng = random.Random(SEED * 1_000_003 + number)
    day = number % 28 + 1
    month = number // 28 % 12 + 1
    year = 2010 + number // (28 * 12)
    tags = ", ".join(sorted(rng.sample(TAGS, 3)))
    earlier, later = (number - 2) % count + 1, number % count + 1
    lines = [
        f"Title: {title_of(number)}",
        f"Date: {year}-{month:02d}-{day:02d} 09:{number % 60:02d}",
        f"Summary: A short, plain-language note on {TOPICS[number % len(TOPICS)]} "
        f"for readers and families, number {number}.",
        f"Category: {CATEGORIES[number % len(CATEGORIES)]}",
        f"Tags: {tags}",
        "",
        paragraph(rng),
        "",
    ]
    for section in range(1, 6):
        lines += [f"## Section {section}: {rng.choice(WORDS)} and {rng.choice(WORDS)}", ""]
        lines += [paragraph(rng), ""]
        if section == 2:
            lines += [f"- {sentence(rng, 8)}" for _ in range(4)] + [""]
        if section == 3:
            lines += [f"{n}. {sentence(rng, 8)}" for n in range(1, 4)] + [""]
        lines += [f"### A closer look at {rng.choice(WORDS)}", "", paragraph(rng), ""]
        if section == 1:
            lines += [
                f"{paragraph(rng, 3)} See [an earlier note]({{filename}}{file_name(earlier)})"
                f" and [a later one]({{filename}}{file_name(later)}).[^1]",
                "",
            ]
        if section == 4:
            lines += [f"{paragraph(rng, 3)} *{sentence(rng, 6)}*[^2]", ""]
        lines += [paragraph(rng, 2), ""]
    lines += [
        f"[^1]: {sentence(rng, 10)}",
        f"[^2]: {sentence(rng, 10)}",
        "",
    ]
    return "\n".join(lines)


PAGES = {
    "about.md": "Title: About\nSummary: Who writes these notes.\nSlug: about\n\n"
    "A clinical psychologist writes these notes for readers.\n",
    "contact.md": "Title: Contact\nSummary: How to get in touch.\nSlug: contact\n\n"
    "Ways to get in touch will appear here.\n",
}


def write_corpus(folder, count):
    """Write `count` articles and two pages into `folder`, replacing what was there."""
    folder = Path(folder)
    shutil.rmtree(folder, ignore_errors=True)
    (folder / "articles").mkdir(parents=True)
    (folder / "pages").mkdir()
    for number in range(1, count + 1):
        (folder / "articles" / file_name(number)).write_text(article(number, count), "utf-8")
    for name, text in PAGES.items():
        (folder / "pages" / name).write_text(text, "utf-8")
    shutil.copytree(ROOT / "content" / "extra", folder / "extra")
    return folder


def edit_one_article(folder, count, stamp):
    """Change a sentence in the middle article, as a writer saving a small fix does."""
    path = Path(folder) / "articles" / file_name(count // 2 + 1)
    text = path.read_text("utf-8")
    marker = "Edited in pass "
    blocks = [block for block in text.split("\n\n") if not block.startswith(marker)]
    blocks.insert(len(blocks) // 2, f"{marker}{stamp}.")
    path.write_text("\n\n".join(blocks), "utf-8")
    return path
