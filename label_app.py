"""The interest labeller: ``streamlit run label_app.py [-- paths.store=/path/to/vrdndi.sqlite]``.

Settings come from conf/label.yaml; Hydra-style overrides go after ``--``.
"""

import sys


def _inside_streamlit() -> bool:
    try:
        from streamlit.runtime.scriptrunner import get_script_run_ctx
    except ImportError:
        return False
    return get_script_run_ctx(suppress_warning=True) is not None


if _inside_streamlit():
    from vrdndi.apps import labeler

    labeler.main(labeler.overrides_from_argv(sys.argv))
elif __name__ == "__main__":
    print("The labeller is a Streamlit app. Start it with:\n"
          "  streamlit run label_app.py\n"
          "  streamlit run label_app.py -- paths.store=/path/to/vrdndi.sqlite")
