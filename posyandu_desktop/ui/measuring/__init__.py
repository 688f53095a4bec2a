"""The measuring desk: the queue, large entry fields, statuses as values are typed."""
