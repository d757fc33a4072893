"""The two user-facing apps: ``web`` (the NiceGUI feed, ``python serve.py``) and ``labeler``
(the Streamlit labeller, ``python label_app.py``). Both only share rows with the rest of
vrdndi: every click is one transaction on the store."""
