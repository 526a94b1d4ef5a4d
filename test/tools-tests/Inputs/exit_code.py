"""exit_code.py CMD...: runs CMD (its output passes through) and then prints
'exit: N' on stdout; always exits 0, so a RUN line can check N."""
import subprocess
import sys

sys.stdout.flush()
status = subprocess.call(sys.argv[1:])
print("exit: %d" % status)
