#!/usr/bin/env python3
"""Checks the two CI recipes of docs/ci.md (test/docs/ci-recipes.test).

    ci_recipes.py CI.md OUTDIR BINDIR

- the GitHub Actions block (```yaml) is valid YAML (with PyYAML, when it is
  installed) and its job has the steps the page describes;
- the shell recipe (the first ```sh block) is written to OUTDIR/recipe.sh,
  and its lint part (from "status=0" to the end) to OUTDIR/lint.sh with
  BINDIR first on PATH, for the test to run on a small compile database.
Prints what it checked; exits 1 on a problem.
"""
import re
import sys


def main():
    page, outdir, bindir = sys.argv[1:4]
    text = open(page).read()
    problems = []

    yaml_blocks = re.findall(r"^```yaml\n(.*?)^```", text, re.S | re.M)
    if len(yaml_blocks) != 1:
        problems.append("expected one yaml block, found %d" % len(yaml_blocks))
    else:
        workflow = yaml_blocks[0]
        try:
            import yaml
        except ImportError:
            yaml = None
            print("ci_recipes: no PyYAML, YAML syntax not checked")
        if yaml:
            doc = yaml.safe_load(workflow)
            jobs = doc.get("jobs", {})
            steps = [s for job in jobs.values() for s in job.get("steps", [])]
            print("ci_recipes: workflow is valid YAML: %d job(s), %d steps"
                  % (len(jobs), len(steps)))
            runs = "\n".join(s.get("run", "") for s in steps)
            uses = [s.get("uses", "") for s in steps]
        else:
            runs, uses = workflow, re.findall(r"uses: (\S+)", workflow)
        for what, ok in (
                ("apt-get install", "apt-get install" in runs),
                ("cmake --install", "cmake --install" in runs),
                ("asyncdrop-tidy -p build", "asyncdrop-tidy -p build" in runs),
                ("asyncdrop-sarif", "asyncdrop-sarif" in runs),
                ("upload-sarif", any("upload-sarif" in u for u in uses))):
            if ok:
                print("ci_recipes: workflow has " + what)
            else:
                problems.append("workflow lacks " + what)

    sh_blocks = re.findall(r"^```sh\n(.*?)^```", text, re.S | re.M)
    if not sh_blocks:
        problems.append("no sh block")
    else:
        recipe = sh_blocks[0]
        with open(outdir + "/recipe.sh", "w") as f:
            f.write(recipe)
        start = recipe.find("status=0")
        if start < 0:
            problems.append("the shell recipe has no 'status=0' lint part")
        else:
            with open(outdir + "/lint.sh", "w") as f:
                f.write("set -eu\nPATH=%s:$PATH\n%s" % (bindir, recipe[start:]))
            print("ci_recipes: shell recipe written, lint part %d lines"
                  % recipe[start:].count("\n"))

    for problem in problems:
        print("ci_recipes: error: " + problem)
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
