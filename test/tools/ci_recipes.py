#!/usr/bin/env python3
"""Checks the two CI recipes of docs/ci.md (test/docs/ci-recipes.test).

    ci_recipes.py CI.md OUTDIR BINDIR
    ci_recipes.py --run CI.md PROJECT PREFIX WORKDIR [--without-lint-off]

- the GitHub Actions block (```yaml) is valid YAML (with PyYAML, when it is
  installed) and its job has the steps the page describes;
- the shell recipe (the first ```sh block) is written to OUTDIR/recipe.sh,
  and its lint part (from "status=0" to the end) to OUTDIR/lint.sh with
  BINDIR first on PATH, for the test to run on a small compile database.
Prints what it checked; exits 1 on a problem.

With --run, it runs both recipes' project steps on a copy of PROJECT, with
asyncdrop installed in PREFIX (where the page says /opt/asyncdrop): the
shell recipe from "# the project" to its end, and the workflow's steps after
"Build and install asyncdrop" the way GitHub Actions runs them (each step
with bash -e; after a failure only the steps whose `if:` allows it; the
upload step is not run, only whether it would run and whether its
sarif_file is there). It prints each step's exit status for FileCheck.
--without-lint-off first takes -DASYNCDROP_LINT=OFF out of the page.
"""
import os
import re
import shutil
import subprocess
import sys


def run_recipes(page, project, prefix, workdir, variant=None):
    import yaml
    text = open(page).read()
    if variant == "--without-lint-off":
        # The recipes as they were before -DASYNCDROP_LINT=OFF: the control.
        text = text.replace(" -DASYNCDROP_LINT=OFF", "")
    env = dict(os.environ, PATH=os.path.join(prefix, "bin") + os.pathsep + os.environ["PATH"])
    env.pop("ASYNCDROP_TIDY_MODULE", None)

    def fresh(name):
        copy = os.path.join(workdir, name)
        shutil.rmtree(copy, ignore_errors=True)
        shutil.copytree(project, copy)
        return copy

    recipe = re.findall(r"^```sh\n(.*?)^```", text, re.S | re.M)[0]
    start = recipe.find("# the project")
    script = "set -eu\n" + recipe[start:].replace("/opt/asyncdrop", prefix)
    cwd = fresh("shell")
    proc = subprocess.run(["sh", "-c", script], cwd=cwd, env=env, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, universal_newlines=True)
    print("shell recipe: exit %d" % proc.returncode)
    for line in proc.stdout.splitlines():
        if line.startswith(("asyncdrop-tidy:", "asyncdrop-sarif:")):
            print("shell recipe: " + line)
    sarif = os.path.join(cwd, "asyncdrop.sarif")
    print("shell recipe: %s %s" % (os.path.basename(sarif),
                                  "written" if os.path.isfile(sarif) else "missing"))

    workflow = yaml.safe_load(re.findall(r"^```yaml\n(.*?)^```", text, re.S | re.M)[0])
    steps = [s for job in workflow["jobs"].values() for s in job["steps"]]
    names = [s.get("name") for s in steps]
    cwd = fresh("workflow")
    failed = False
    for step in steps[names.index("Build and install asyncdrop") + 1:]:
        condition = str(step.get("if", "success()"))
        runs = (not failed) or "failure()" in condition or "always()" in condition
        label = step.get("name") or step.get("uses")
        if "uses" in step:
            if "upload-sarif" in step["uses"]:
                sarif = step.get("with", {}).get("sarif_file", "")
                print("workflow: %s: %s, %s %s" % (
                    label, "runs" if runs else "skipped", sarif,
                    "exists" if os.path.isfile(os.path.join(cwd, sarif)) else "missing"))
            continue
        if not runs:
            print("workflow: %s: skipped" % label)
            continue
        proc = subprocess.run(["bash", "-e", "-c", step["run"].replace("/opt/asyncdrop", prefix)],
                              cwd=cwd, env=env, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, universal_newlines=True)
        print("workflow: %s: exit %d" % (label, proc.returncode))
        for line in proc.stdout.splitlines():
            if line.startswith(("asyncdrop-tidy:", "asyncdrop-sarif:")):
                print("workflow: " + line)
        failed = failed or proc.returncode != 0
    print("workflow: job %s" % ("failed" if failed else "succeeded"))


def main():
    if sys.argv[1] == "--run":
        run_recipes(*sys.argv[2:7])
        return
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
