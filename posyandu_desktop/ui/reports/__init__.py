"""The reports screen: the monthly F2 report as PDF, with its SKDN table previewed."""
