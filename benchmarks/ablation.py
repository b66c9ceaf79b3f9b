"""Measures what each build-speed measure buys, by turning them off one at a time.

    python -m benchmarks.ablation --articles 1000 --repeats 3

Each variant builds into its own folder with its own cache, first cold, then
after editing one article; the medians are printed as a Markdown table.
"""

import argparse
import json
import shutil
import statistics
import sys

from pelican.settings import read_settings

from benchmarks.corpus import edit_one_article, write_corpus
from benchmarks.run import ROOT, WORK, measure

PLUGINS = read_settings(str(ROOT / "pelicanconf.py"))["PLUGINS"]
VARIANTS = {
    "everything on": {},
    "no unchanged-page skipping": {"PLUGINS": [p for p in PLUGINS if "unchanged" not in p]},
    "gzip-compressed cache (Pelican's default)": {"GZIP_CACHE": True},
    "BUILD_SHORTCUTS = False (serial, nothing skipped)": {"BUILD_SHORTCUTS": False},
}


def command(content, output, overrides):
    settings = {
        "PATH": str(content),
        "OUTPUT_PATH": str(output),
        "CACHE_PATH": f"{output}.cache",
        "SHOW_DRAFTS": False,
        **overrides,
    }
    script = (
        "import json, sys; sys.path.insert(0, sys.argv[1]);"
        "from plugins.runner import build;"
        "build(sys.argv[1] + '/pelicanconf.py', json.loads(sys.argv[2]))"
    )
    return [sys.executable, "-c", script, str(ROOT), json.dumps(settings)]


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--repeats", type=int, default=3)
    options = parser.parse_args()
    folder = WORK / f"ablation-{options.articles}"
    content = write_corpus(folder / "content", options.articles)
    times = {name: {"cold": [], "edit": []} for name in VARIANTS}
    for repeat in range(options.repeats):
        for name, overrides in VARIANTS.items():
            output = folder / f"out-{list(VARIANTS).index(name)}"
            shutil.rmtree(output, ignore_errors=True)
            shutil.rmtree(f"{output}.cache", ignore_errors=True)
            cold = measure(command(content, output, overrides), ROOT)
            edit_one_article(content, options.articles, f"ablation {repeat} {name}")
            edit = measure(command(content, output, overrides), ROOT)
            times[name]["cold"].append(cold)
            times[name]["edit"].append(edit)
            print(f"{name}: cold {cold.wall:.2f} s, edit {edit.wall:.2f} s ({edit.cpu:.2f} s CPU)")
    print(f"\n| Variant, N={options.articles:,} | Cold | Cold CPU | Edit one | Edit one CPU |")
    print("|---|---:|---:|---:|---:|")
    for name, runs in times.items():
        cells = [
            f"{statistics.median(getattr(run, field) for run in runs[kind]):.2f} s"
            for kind in ("cold", "edit")
            for field in ("wall", "cpu")
        ]
        print(f"| {name} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
