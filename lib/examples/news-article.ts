import type { FdoExample } from './types';

export const newsArticle: FdoExample = {
  id: 'news-article',
  title: 'News article',
  description: 'A news story window with a headline, a picture, the story text and Print and Save buttons.',
  source: `uni_start_stream <00x>
  man_start_object <ind_group, "Top News">
    mat_orientation <vff>
    mat_position <center_center>
    mat_style_id <32-900>
    man_start_object <ornament, "">
      mat_font_id <times_roman>
      mat_font_size <18>
      mat_font_style <bold>
      man_append_data <"Harbor Bridge Reopens After Two-Year Restoration">
    man_start_sibling <org_group, "">
      mat_orientation <hlf>
      man_start_object <ornament, "">
        mat_art_id <1-0-2250>
        mat_frame_style <single_line_pop_in>
      man_start_sibling <view, "">
        mat_size <50, 14, 0>
        mat_relative_tag <4>
        mat_paragraph <yes>
        mat_bool_force_scroll <yes>
        man_append_data <"The harbor bridge opened to traffic again on Monday morning.\\x7f\\x7fCrews replaced 1,400 rivets and repainted the towers in the original green.">
      man_end_object
    man_start_sibling <org_group, "">
      mat_orientation <hef>
      man_start_object <trigger, "Print">
        mat_art_id <1-0-1330>
        act_replace_select_action
            <
            uni_start_stream <00x>
            sm_send_token_arg <"Pr">
            >
        man_start_sibling <trigger, "Save">
          act_replace_select_action
              <
              uni_start_stream <00x>
              sm_send_token_arg <"Sv">
              >
          man_end_object
        man_end_object
        man_update_display
      uni_end_stream <00x>
`,
};
