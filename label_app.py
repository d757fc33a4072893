"""The interest labeller: ``python label_app.py [paths.store=/path/to/vrdndi.sqlite] [port=8502]``.

It starts Streamlit's server itself, on 127.0.0.1 only, with usage statistics off and no Deploy button
(``vrdndi.apps.labeler.STREAMLIT_SERVER``). ``streamlit run label_app.py [-- overrides]`` from this
folder works too (the same settings are in ``.streamlit/config.toml``). Settings: conf/label.yaml.
"""

import sys


def _inside_streamlit() -> bool:
    try:
        from streamlit.runtime.scriptrunner import get_script_run_ctx
    except ImportError:
        return False
    return get_script_run_ctx(suppress_warning=True) is not None


if _inside_streamlit():
    from vrdndi.cli.entry import offline_environment

    offline_environment()
    from vrdndi.apps import labeler

    labeler.main(labeler.overrides_from_argv(sys.argv))
elif __name__ == "__main__":
    from vrdndi.cli.entry import label_main

    label_main(__file__)
