realm r { module map {} }
realm r { module int {} }
