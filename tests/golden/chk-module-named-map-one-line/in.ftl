realm r { module map {} }
