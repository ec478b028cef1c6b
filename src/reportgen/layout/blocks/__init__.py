"""Blocks: one flowable per visual block of the report, each naming the spec item it draws."""
