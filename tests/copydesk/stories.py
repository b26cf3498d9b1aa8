"""Printed stories the copy desk's tests read (invented, shaped like real copy)."""

HARBOR_LIGHTS = """‘Harbor Lights’ Finds Its Way Home

By Tomás Okafor

The first shot of "Harbor Lights” is a ferry in the fog. Ada (Maria Rossi) steers it every \
morning, and director Jan Novak lets us ride along.

Maria Rossi as the ferry pilot Ada. (Tom Baker/Northlight Pictures)

The music matters: composer Lena Park's score hums under every scene. Editor Sam Ortiz keeps \
it brisk.

The harbor at dawn. (Northlight Pictures)

Later, Jonas Berg as the harbor master Tomas has a long scene on the pier.

The trailer for “Harbor Lights.” (Northlight Pictures)

★★★ R. At the Avalon and AMC Georgetown. Contains violence and brief nudity. 1 hour 52 minutes.
"""
