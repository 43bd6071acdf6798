"""Client data: the contract, reading exports, the column map, loading and validation."""
from cxlib.data.load import ClientData, DataError, DatasetRead, load_client, read_dataset, resolve_client_dir
from cxlib.data.problems import Problem
from cxlib.data.schemas import CONTRACT, DATASETS, NOT_STATED

__all__ = ["CONTRACT", "DATASETS", "NOT_STATED", "ClientData", "DataError", "DatasetRead", "Problem",
           "load_client", "read_dataset", "resolve_client_dir"]
