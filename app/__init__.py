"""党建工作管理平台 backend."""
