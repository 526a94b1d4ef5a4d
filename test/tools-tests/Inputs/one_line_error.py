"""one_line_error.py CMD...: runs CMD and prints, for FileCheck,

  exit: <status>
  stdout: <number of lines>, stderr: <number of lines>
  <stderr, as it was>

so that a test can say "a user mistake is exit 2 and one line on stderr,
no traceback, no usage text". Always exits 0."""
import subprocess
import sys

proc = subprocess.run(sys.argv[1:], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                      universal_newlines=True)
print("exit: %d" % proc.returncode)
print("stdout: %d, stderr: %d" % (len(proc.stdout.splitlines()),
                                  len(proc.stderr.splitlines())))
sys.stdout.write(proc.stderr)
