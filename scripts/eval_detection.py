"""Detection on the team dev set (corpus/devset): recall of awkward spans per family, fix rate,
precision of flags on MT sentences and false alarms on clean TICO-19 and MedQuAD sentences, each
with a bootstrap 95% interval. Report the test half; tune only on the tune half.

Usage: python scripts/eval_detection.py [--split test|tune|all] [--no-models] [--checks a,b]
                                        [--json OUT]
The logic lives in textfix.training.detection_eval (importable from tests and notebooks).
"""

from __future__ import annotations

import sys

from textfix.training.detection_eval import main

if __name__ == "__main__":
    sys.exit(main())
