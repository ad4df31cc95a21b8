realm r { builtin module foo {} }
