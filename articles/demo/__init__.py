"""Content built for trying the site, never imported by the site itself.

- The demo newsroom (`manage.py load_demo`): a small, hand-written newsroom to explore,
  in `content`, `accounts`, `images` and `loader`.
- The synthetic newsroom (`manage.py generate_newsroom`): realistic content at scale
  for benchmarks, in `generator`.

Both build their rows through the model factories the tests use
(`articles.factories`, `entities.factories`), so a model's defaults and
required relations are declared once.
"""
