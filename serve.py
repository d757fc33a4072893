"""The feed website: ``python serve.py [web.port=8080] [web.host=127.0.0.1]`` (see conf/serve.yaml).

Writes nothing but its session secret (once) and the clicks' labels: no run folder, no log file.
"""

from vrdndi.cli.entry import serve_main

if __name__ == "__main__":
    serve_main()
