realm r { module int {} }
