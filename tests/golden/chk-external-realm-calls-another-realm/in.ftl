external realm bank { module p { verb v(Unit) Unit +calls q.w@other } }
