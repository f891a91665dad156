"""Gold files and scoring against them."""

from extractor.evaluation.gold import GoldError, check_gold, gold_files, load_gold
from extractor.evaluation.scoring import TASKS, Tally, micro_average, score_document

__all__ = ["GoldError", "TASKS", "Tally", "check_gold", "gold_files", "load_gold", "micro_average", "score_document"]
