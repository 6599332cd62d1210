"""Speed and memory figures printed by ``make bench``: the pipeline (``pipeline``), the review
app under simulated editors (``review_app``) and batch jobs (``batch``)."""
