previous content
