realm r { module m { data D { a Int b String c Bool } } }
