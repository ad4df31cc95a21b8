out.ftl: \
  main.ftl \
  inc/lib.ftl
