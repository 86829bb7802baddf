# Two commands do all the set-up on a fresh machine:
#   make extract   # venv + install + extraction of corpus/ into outputs/
#   make test      # venv + install + pytest
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
CORPUS ?= corpus
OUTPUTS ?= outputs
ARGS ?=
SHARED ?= ../shared
EVAL_OUT ?= /tmp/peace-eval
STAMP := $(VENV)/.installed

.PHONY: install extract report report-bench test lint eval eval-seed eval-dates eval-quotes eval-news eval-provisions \
	train bench schema clean

install: $(STAMP)

$(STAMP): pyproject.toml requirements.lock
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $(STAMP)

extract: $(STAMP)
	$(PY) -m pipeline extract $(CORPUS) --outputs $(OUTPUTS) $(ARGS)

# The HTML report of OUTPUTS, from its output files alone: open OUTPUTS/report/index.html (docs/report.md).
report: $(STAMP)
	$(PY) -m pipeline report $(OUTPUTS) $(ARGS)

# Report build time and page sizes on PolNeAR train + news of ../shared (1,041 articles; extracted once into
# /tmp/peace-report-bench); e.g. REPORT_BENCH_ARGS="--outputs OUT1 --outputs OUT2" for runs already made.
REPORT_BENCH_ARGS ?= --corpus $(SHARED)/data/polnear/train/corpus --corpus $(SHARED)/data/news
report-bench: $(STAMP)
	$(PY) -m pipeline.report.bench $(REPORT_BENCH_ARGS)

test: $(STAMP)
	$(PY) -m pytest -q $(ARGS)

# ruff (configured in pyproject.toml): lint rules, import order, line length 120, formatting.
lint: $(STAMP)
	$(VENV)/bin/ruff check pipeline tests train
	$(VENV)/bin/ruff format --check pipeline tests train

schema: $(STAMP)
	$(PY) -m pipeline schema --out docs/schema

# Scores of ../shared/eval/score.py on the gold data in ../shared/data (skipped when absent).
eval: eval-seed eval-dates eval-quotes eval-news

eval-seed: $(STAMP)
	@if [ -d $(SHARED)/seed ]; then \
	  $(PY) -m pipeline extract $(SHARED)/seed --outputs $(EVAL_OUT)/seed --quiet; \
	  $(PY) $(SHARED)/eval/score.py entities $(EVAL_OUT)/seed $(SHARED)/data/seed-gold/entities.json; \
	  $(PY) $(SHARED)/eval/score.py provisions $(EVAL_OUT)/seed $(SHARED)/data/seed-gold/provisions.json; \
	else echo "no $(SHARED)/seed: seed evaluation skipped"; fi

eval-dates: $(STAMP)
	@if [ -d $(SHARED)/data/timebank ]; then \
	  $(PY) -m pipeline extract $(SHARED)/data/timebank/corpus --outputs $(EVAL_OUT)/timebank --quiet --stages dates; \
	  $(PY) $(SHARED)/eval/score.py dates $(EVAL_OUT)/timebank $(SHARED)/data/timebank/gold.jsonl; \
	else echo "no TimeBank data: dates evaluation skipped"; fi

eval-quotes: $(STAMP)
	@if [ -d $(SHARED)/data/polnear/dev ]; then \
	  $(PY) -m pipeline extract $(SHARED)/data/polnear/dev/corpus --outputs $(EVAL_OUT)/polnear-dev --quiet --stages quotes; \
	  $(PY) $(SHARED)/eval/score.py quotes $(EVAL_OUT)/polnear-dev $(SHARED)/data/polnear/dev/gold.jsonl; \
	else echo "no PolNeAR data: quotes evaluation skipped"; fi

# Provisions on the news gold (67 articles of ../shared/data/news): a run over the whole news folder, score.py,
# and the ten articles that score worst.
eval-news: $(STAMP)
	@if [ -d $(SHARED)/data/news-gold ]; then \
	  $(PY) -m pipeline extract $(SHARED)/data/news --outputs $(EVAL_OUT)/news --quiet; \
	  $(PY) $(SHARED)/eval/score.py provisions $(EVAL_OUT)/news $(SHARED)/data/news-gold/provisions.json; \
	  $(PY) train/provisions/worst.py $(EVAL_OUT)/news $(SHARED)/data/news-gold/provisions.json; \
	else echo "no news gold: news evaluation skipped"; fi

# The decision model of the provisions stage, held apart: 5-fold cross-validation by article on the news gold
# (the team's examples in every training fold, never scored), with and without the team's examples, the rules
# alone beside it, and the seed scored by a model trained without it (docs/provisions.md, "Provisions v2").
EVAL_PROVISIONS_ARGS ?= --both
eval-provisions: $(STAMP)
	@if [ -d $(SHARED)/data/news-gold ]; then \
	  $(PY) train/provisions/evaluate.py --shared $(SHARED) --cache $(EVAL_OUT)/provisions-train \
	    --out $(EVAL_OUT)/provisions-cv $(EVAL_PROVISIONS_ARGS); \
	else echo "no news gold: provisions cross-validation skipped"; fi

# Rebuild pipeline/data/provisions/model.json from the gold of ../shared and train/provisions (deterministic:
# the same data give the same bytes). Needs scikit-learn (the `train` extra, pinned in requirements.lock).
train: $(STAMP)
	$(PY) train/provisions/train.py --shared $(SHARED) --cache $(EVAL_OUT)/provisions-train

# Speed, scaling, memory and rerun time on ../shared's PolNeAR training articles (840, 625k words);
# e.g. make bench BENCH_ARGS="--limit 200" or BENCH_ARGS="--corpus DIR --compare bench/OLD.json".
BENCH_ARGS ?=
bench: $(STAMP)
	$(PY) -m pipeline.bench --corpus $(SHARED)/data/polnear/train/corpus $(BENCH_ARGS)

clean:
	rm -rf $(OUTPUTS) $(EVAL_OUT) .pytest_cache
