"""Client data: the contract, loading and validation."""
from cxlib.data.load import ClientData, DataError, load_client, read_dataset, resolve_client_dir
from cxlib.data.problems import Problem
from cxlib.data.schemas import CONTRACT, DATASETS

__all__ = ["CONTRACT", "DATASETS", "ClientData", "DataError", "Problem", "load_client",
           "read_dataset", "resolve_client_dir"]
