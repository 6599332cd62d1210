"""The review app: editors decide on flagged sentences in the browser; decisions are kept.

``app.create_app`` builds the FastAPI app on a workspace; ``memory.CorrectionMemory`` turns the
decisions into suggestions and suppressions for later ``textfix check``/``fix`` runs.
"""
