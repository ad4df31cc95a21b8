module module { data data { data data verb verb } }
