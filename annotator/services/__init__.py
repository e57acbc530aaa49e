"""Every user action as one Qt-free function that the CLI and the window both call.

`annotator.commands` and `annotator.gui` only gather the person's choices, show progress and
say what happened; what the action does lives here, once: importing pages then suggesting
(`pages`), exporting in any format (`export`), recomputing and deciding on suggestions
(`suggestions`). Deciding between annotators' versions is `annotator.review.adjudication`.
"""
