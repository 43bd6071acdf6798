"""Every wave remembered: the client's history store (:mod:`cxlib.waves.store`), the wave it keeps
(:mod:`cxlib.waves.wave`) and what changed since the last wave (:mod:`cxlib.waves.change`).

A notebook reads the history once and states the change::

    since = waves.step_since_last_wave(waves.history(client, history_path), cx, result.step)
    report.show_result(since)   # the change, or the one sentence saying why there is no last wave
"""
from cxlib.waves.change import (
    MeasureChange,
    ScoreChange,
    StepChange,
    WaveChange,
    no_last_wave_sentence,
    previous_wave,
    since_last_wave,
    step_change,
    step_since_last_wave,
    wave_change,
)
from cxlib.waves.store import (
    client_folder,
    find_store,
    history,
    history_table,
    read_waves,
    record_run,
    store_path,
)
from cxlib.waves.wave import KpiSource, Wave, kpi_source, wave_of

__all__ = ["KpiSource", "MeasureChange", "ScoreChange", "StepChange", "Wave", "WaveChange", "client_folder",
           "find_store", "history", "history_table", "kpi_source", "no_last_wave_sentence", "previous_wave",
           "read_waves", "record_run", "since_last_wave", "step_change", "step_since_last_wave", "store_path",
           "wave_change", "wave_of"]
