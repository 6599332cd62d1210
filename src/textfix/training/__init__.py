"""Training and evaluation of the models textfix ships (``textfix train``, ``textfix eval``).

Nothing here runs when text is checked: the runtime side (loading a model, predicting) lives in
``textfix.models``, which never imports this package. One module per model (``lm``, ``quality``,
``rewriter``), the data readers (``data``), the MT noise model (``noise``), shared training
helpers (``common``), metrics and the evaluation harness.
"""
